using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class TotpParametersTests
{
    [Fact]
    public void Defaults_are_sha1_six_digits_thirty_seconds()
    {
        TotpParameters parameters = TotpParameters.Default;

        Assert.Equal(OtpHashAlgorithm.Sha1, parameters.Algorithm);
        Assert.Equal(6, parameters.Digits);
        Assert.Equal(30, parameters.PeriodSeconds);
        Assert.Equal(new TotpParameters(), parameters);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Six_to_eight_digits_are_accepted(int digits)
    {
        Assert.Equal(digits, new TotpParameters { Digits = digits }.Digits);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(-6)]
    public void Other_digit_counts_are_rejected(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters { Digits = digits });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void Periods_shorter_than_one_second_are_rejected(int periodSeconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters { PeriodSeconds = periodSeconds });
    }

    [Fact]
    public void A_with_expression_cannot_produce_invalid_parameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpParameters.Default with { Digits = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpParameters.Default with { PeriodSeconds = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpParameters.Default with { Algorithm = (OtpHashAlgorithm)42 });
    }

    [Theory]
    [InlineData(OtpHashAlgorithm.Sha1, 20)]
    [InlineData(OtpHashAlgorithm.Sha256, 32)]
    [InlineData(OtpHashAlgorithm.Sha512, 64)]
    public void Recommended_secret_length_follows_the_algorithm(OtpHashAlgorithm algorithm, int expectedBytes)
    {
        Assert.Equal(expectedBytes, new TotpParameters { Algorithm = algorithm }.RecommendedSecretBytes);
    }

    [Fact]
    public void Parameters_with_equal_values_are_equal()
    {
        var first = new TotpParameters { Algorithm = OtpHashAlgorithm.Sha256, Digits = 8, PeriodSeconds = 60 };
        var second = new TotpParameters { Algorithm = OtpHashAlgorithm.Sha256, Digits = 8, PeriodSeconds = 60 };

        Assert.Equal(first, second);
        Assert.NotEqual(first, second with { PeriodSeconds = 30 });
    }
}
