using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

/// <summary>
/// Compares against oathtool, so a mistake shared by our code and our reading of the RFC vectors would still show up.
/// </summary>
public sealed class OathtoolCrossCheckTests
{
    private static readonly DateTimeOffset[] Times =
    [
        new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(2001, 9, 9, 1, 46, 40, TimeSpan.Zero),
        new(2041, 6, 15, 12, 34, 56, TimeSpan.Zero), // after the 32-bit time_t overflow in 2038
    ];

    private static readonly int[] Periods = [30, 60];

    [Theory]
    [InlineData(OtpHashAlgorithm.Sha1, 6)]
    [InlineData(OtpHashAlgorithm.Sha1, 8)]
    [InlineData(OtpHashAlgorithm.Sha256, 6)]
    [InlineData(OtpHashAlgorithm.Sha256, 8)]
    [InlineData(OtpHashAlgorithm.Sha512, 6)]
    [InlineData(OtpHashAlgorithm.Sha512, 8)]
    public void Totp_codes_match_oathtool_for_random_secrets(OtpHashAlgorithm algorithm, int digits)
    {
        var recommended = new TotpParameters { Algorithm = algorithm };

        // The minimum, the recommended size, and a length whose base32 needs padding in oathtool's decoder.
        foreach (var secretBytes in new[] { 20, recommended.RecommendedSecretBytes, 37 })
        {
            var secret = OtpSecret.Generate(secretBytes);
            var base32Secret = Base32.Encode(secret);
            using var key = new InMemoryOtpKey(secret);

            foreach (var period in Periods)
            {
                var totp = new Totp(key, recommended with { Digits = digits, PeriodSeconds = period });
                foreach (DateTimeOffset time in Times)
                {
                    var context = $"secret {base32Secret}, {algorithm}, {digits} digits, {period} s, {time:u}";
                    var expected = Oathtool.Totp(base32Secret, algorithm, digits, period, time);

                    // The context is part of both strings so a failure says which case broke.
                    Assert.Equal($"{context}: {expected}", $"{context}: {totp.ComputeCode(time)}");
                    Assert.True(totp.TryVerify(expected, time, 0, null, out _), $"{context}: oathtool's code {expected} did not verify.");
                }
            }
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1_000_000L)]
    [InlineData(4_294_967_301L)] // above 2^32, so all eight counter bytes matter
    public void Hotp_codes_match_oathtool_for_a_random_secret(long counter)
    {
        var secret = OtpSecret.Generate(20);
        var base32Secret = Base32.Encode(secret);
        using var key = new InMemoryOtpKey(secret);

        foreach (var digits in new[] { 6, 8 })
        {
            var context = $"secret {base32Secret}, counter {counter}, {digits} digits";
            var expected = Oathtool.Hotp(base32Secret, counter, digits);

            Assert.Equal($"{context}: {expected}", $"{context}: {Hotp.ComputeCode(key, counter, digits, OtpHashAlgorithm.Sha1)}");
        }
    }
}
