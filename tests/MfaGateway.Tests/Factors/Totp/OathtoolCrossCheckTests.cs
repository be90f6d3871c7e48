using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

/// <summary>
/// Codes from OATH Toolkit's oathtool, an independent C implementation, for secrets as the gateway
/// shows them at enrolment, verify with the gateway's verifier at the step oathtool used.
/// </summary>
public sealed class OathtoolCrossCheckTests
{
    private static readonly DateTimeOffset[] Times =
    [
        new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(2001, 9, 9, 1, 46, 40, TimeSpan.Zero),
        new(2041, 6, 15, 12, 34, 56, TimeSpan.Zero), // after the 32-bit time_t overflow in 2038
    ];

    [Theory]
    [InlineData(OtpHashMode.Sha1, 6)]
    [InlineData(OtpHashMode.Sha1, 8)]
    [InlineData(OtpHashMode.Sha256, 6)]
    [InlineData(OtpHashMode.Sha256, 7)]
    [InlineData(OtpHashMode.Sha256, 8)]
    [InlineData(OtpHashMode.Sha512, 6)]
    [InlineData(OtpHashMode.Sha512, 8)]
    public void Oathtool_codes_for_the_shown_secret_verify_at_their_step(OtpHashMode algorithm, int digits)
    {
        // The recommended length for the algorithm, and a length whose base32 needs padding in oathtool's decoder.
        foreach (var secret in new[] { KeyGeneration.GenerateRandomKey(algorithm), KeyGeneration.GenerateRandomKey(37) })
        {
            foreach (var period in new[] { 30, 60 })
            {
                var settings = new TotpFactorSettings(algorithm, digits, period);
                var shown = TotpEnrolmentPrompt.For("Example", "alice", secret, settings).SecretBase32;
                foreach (var time in Times)
                {
                    var context = $"secret {shown}, {algorithm}, {digits} digits, {period} s, {time:u}";
                    var code = Oathtool.Totp(shown, algorithm, digits, period, time);
                    using var key = new TotpKey((byte[])secret.Clone());

                    Assert.True(TotpCodeVerifier.TryMatch(key, settings, code, time, window: 0, out var step), $"{context}: oathtool's {code} did not verify");
                    Assert.Equal(time.ToUnixTimeSeconds() / period, step);

                    // A code of the previous step passes a window of one a step later, and names its own step.
                    Assert.True(TotpCodeVerifier.TryMatch(key, settings, code, time.AddSeconds(period), window: 1, out var earlier), context);
                    Assert.Equal(step, earlier);
                }
            }
        }
    }
}
