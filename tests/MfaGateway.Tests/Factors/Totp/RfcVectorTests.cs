using System.Globalization;
using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

/// <summary>RFC 6238 Appendix B through the gateway's verifier: our key, our step arithmetic, Otp.NET's codes.</summary>
public sealed class RfcVectorTests
{
    // Unix time, time step T in hex, mode, 8-digit TOTP.
    [Theory]
    [InlineData(59L, "0000000000000001", OtpHashMode.Sha1, "94287082")]
    [InlineData(59L, "0000000000000001", OtpHashMode.Sha256, "46119246")]
    [InlineData(59L, "0000000000000001", OtpHashMode.Sha512, "90693936")]
    [InlineData(1111111109L, "00000000023523EC", OtpHashMode.Sha1, "07081804")]
    [InlineData(1111111109L, "00000000023523EC", OtpHashMode.Sha256, "68084774")]
    [InlineData(1111111109L, "00000000023523EC", OtpHashMode.Sha512, "25091201")]
    [InlineData(1111111111L, "00000000023523ED", OtpHashMode.Sha1, "14050471")]
    [InlineData(1111111111L, "00000000023523ED", OtpHashMode.Sha256, "67062674")]
    [InlineData(1111111111L, "00000000023523ED", OtpHashMode.Sha512, "99943326")]
    [InlineData(1234567890L, "000000000273EF07", OtpHashMode.Sha1, "89005924")]
    [InlineData(1234567890L, "000000000273EF07", OtpHashMode.Sha256, "91819424")]
    [InlineData(1234567890L, "000000000273EF07", OtpHashMode.Sha512, "93441116")]
    [InlineData(2000000000L, "0000000003F940AA", OtpHashMode.Sha1, "69279037")]
    [InlineData(2000000000L, "0000000003F940AA", OtpHashMode.Sha256, "90698825")]
    [InlineData(2000000000L, "0000000003F940AA", OtpHashMode.Sha512, "38618901")]
    [InlineData(20000000000L, "0000000027BC86AA", OtpHashMode.Sha1, "65353130")]
    [InlineData(20000000000L, "0000000027BC86AA", OtpHashMode.Sha256, "77737706")]
    [InlineData(20000000000L, "0000000027BC86AA", OtpHashMode.Sha512, "47863826")]
    public void Appendix_b_codes_verify_at_their_time_and_step(long unixTime, string expectedStepHex, OtpHashMode algorithm, string code)
    {
        using var key = new TotpKey(RfcSeeds.For(algorithm));
        var settings = TotpFactorSettings.Default with { Algorithm = algorithm, Digits = 8 };
        var time = DateTimeOffset.FromUnixTimeSeconds(unixTime);

        Assert.Equal(expectedStepHex, TotpCodeVerifier.TimeStep(time, 30).ToString("X16", CultureInfo.InvariantCulture));
        Assert.True(TotpCodeVerifier.TryMatch(key, settings, code, time, window: 0, out var step), $"{algorithm} {code} at {unixTime}");
        Assert.Equal(long.Parse(expectedStepHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture), step);
    }

    [Theory]
    [InlineData(1111111109L, OtpHashMode.Sha1, "081804")] // 07081804 keeps its six low digits, zero-padded
    [InlineData(1234567890L, OtpHashMode.Sha256, "819424")]
    [InlineData(2000000000L, OtpHashMode.Sha512, "618901")]
    public void Six_digit_codes_are_the_low_digits_of_the_appendix_b_values(long unixTime, OtpHashMode algorithm, string code)
    {
        using var key = new TotpKey(RfcSeeds.For(algorithm));
        var settings = TotpFactorSettings.Default with { Algorithm = algorithm };

        Assert.True(TotpCodeVerifier.TryMatch(key, settings, code, DateTimeOffset.FromUnixTimeSeconds(unixTime), window: 0, out _));
    }

    [Theory]
    [InlineData(OtpHashMode.Sha1, "94287082")]
    [InlineData(OtpHashMode.Sha256, "46119246")]
    [InlineData(OtpHashMode.Sha512, "90693936")]
    public void An_appendix_b_code_fails_under_another_hash_function(OtpHashMode enrolledWith, string sha1Sha256OrSha512Code)
    {
        foreach (var other in Enum.GetValues<OtpHashMode>().Where(mode => mode != enrolledWith))
        {
            using var key = new TotpKey(RfcSeeds.For(other));
            var settings = TotpFactorSettings.Default with { Algorithm = other, Digits = 8 };

            Assert.False(TotpCodeVerifier.TryMatch(key, settings, sha1Sha256OrSha512Code, DateTimeOffset.FromUnixTimeSeconds(59), window: 0, out _));
        }
    }
}
