using System.Globalization;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class TotpTests
{
    // RFC 6238 Appendix B: Unix time, time step T in hex, mode, 8-digit TOTP.
    [Theory]
    [InlineData(59L, "0000000000000001", OtpHashAlgorithm.Sha1, "94287082")]
    [InlineData(59L, "0000000000000001", OtpHashAlgorithm.Sha256, "46119246")]
    [InlineData(59L, "0000000000000001", OtpHashAlgorithm.Sha512, "90693936")]
    [InlineData(1111111109L, "00000000023523EC", OtpHashAlgorithm.Sha1, "07081804")]
    [InlineData(1111111109L, "00000000023523EC", OtpHashAlgorithm.Sha256, "68084774")]
    [InlineData(1111111109L, "00000000023523EC", OtpHashAlgorithm.Sha512, "25091201")]
    [InlineData(1111111111L, "00000000023523ED", OtpHashAlgorithm.Sha1, "14050471")]
    [InlineData(1111111111L, "00000000023523ED", OtpHashAlgorithm.Sha256, "67062674")]
    [InlineData(1111111111L, "00000000023523ED", OtpHashAlgorithm.Sha512, "99943326")]
    [InlineData(1234567890L, "000000000273EF07", OtpHashAlgorithm.Sha1, "89005924")]
    [InlineData(1234567890L, "000000000273EF07", OtpHashAlgorithm.Sha256, "91819424")]
    [InlineData(1234567890L, "000000000273EF07", OtpHashAlgorithm.Sha512, "93441116")]
    [InlineData(2000000000L, "0000000003F940AA", OtpHashAlgorithm.Sha1, "69279037")]
    [InlineData(2000000000L, "0000000003F940AA", OtpHashAlgorithm.Sha256, "90698825")]
    [InlineData(2000000000L, "0000000003F940AA", OtpHashAlgorithm.Sha512, "38618901")]
    [InlineData(20000000000L, "0000000027BC86AA", OtpHashAlgorithm.Sha1, "65353130")]
    [InlineData(20000000000L, "0000000027BC86AA", OtpHashAlgorithm.Sha256, "77737706")]
    [InlineData(20000000000L, "0000000027BC86AA", OtpHashAlgorithm.Sha512, "47863826")]
    public void Rfc6238_appendix_b_vectors_match(long unixTime, string expectedStepHex, OtpHashAlgorithm algorithm, string expectedCode)
    {
        using var key = new InMemoryOtpKey(RfcSeeds.For(algorithm));
        var totp = new Totp(key, new TotpParameters { Algorithm = algorithm, Digits = 8 });
        var time = DateTimeOffset.FromUnixTimeSeconds(unixTime);

        var step = totp.GetTimeStep(time);

        Assert.Equal(expectedStepHex, step.ToString("X16", CultureInfo.InvariantCulture));
        Assert.Equal(expectedCode, totp.ComputeCode(time));
        Assert.Equal(expectedCode, totp.ComputeCodeForStep(step));
    }

    [Fact]
    public void Rfc6238_vector_after_2038_verifies_as_well_as_computes()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha512);
        var totp = new Totp(key, new TotpParameters { Algorithm = OtpHashAlgorithm.Sha512, Digits = 8 });

        var verified = totp.TryVerify("47863826", DateTimeOffset.FromUnixTimeSeconds(20000000000), 0, null, out var step);

        Assert.True(verified);
        Assert.Equal(0x27BC86AAL, step);
    }

    [Theory]
    [InlineData(0L, 30, 0L)]
    [InlineData(29L, 30, 0L)]
    [InlineData(30L, 30, 1L)]
    [InlineData(119L, 60, 1L)]
    [InlineData(120L, 60, 2L)]
    [InlineData(1L, 1, 1L)]
    public void Time_step_is_unix_seconds_divided_by_the_period(long unixTime, int periodSeconds, long expectedStep)
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        var totp = new Totp(key, new TotpParameters { PeriodSeconds = periodSeconds });

        Assert.Equal(expectedStep, totp.GetTimeStep(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
    }

    [Theory]
    [InlineData(-1L, -1L)]
    [InlineData(-30L, -1L)]
    [InlineData(-31L, -2L)]
    public void Time_step_rounds_down_before_1970(long unixTime, long expectedStep)
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        var totp = new Totp(key, TotpParameters.Default);

        Assert.Equal(expectedStep, totp.GetTimeStep(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
    }

    [Fact]
    public void Time_step_ignores_the_time_zone_offset()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        var totp = new Totp(key, TotpParameters.Default);
        var utc = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(totp.GetTimeStep(utc), totp.GetTimeStep(utc.ToOffset(TimeSpan.FromHours(-7))));
    }

    [Fact]
    public void Codes_are_zero_padded_to_the_configured_length()
    {
        // RFC 6238 Appendix B: 1111111109 with SHA-1 gives 07081804, whose 6-digit form is 081804.
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        var totp = new Totp(key, TotpParameters.Default);

        Assert.Equal("081804", totp.ComputeCode(DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }

    [Fact]
    public void Computing_a_code_before_1970_is_refused()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        var totp = new Totp(key, TotpParameters.Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => totp.ComputeCodeForStep(-1));
    }

    [Fact]
    public void Constructor_rejects_null_arguments()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Throws<ArgumentNullException>(() => new Totp(null!, TotpParameters.Default));
        Assert.Throws<ArgumentNullException>(() => new Totp(key, null!));
    }
}
