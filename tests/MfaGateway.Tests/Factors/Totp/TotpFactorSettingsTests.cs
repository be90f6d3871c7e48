using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

public sealed class TotpFactorSettingsTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Six_to_eight_digits_are_accepted(int digits)
    {
        Assert.Equal(digits, (TotpFactorSettings.Default with { Digits = digits }).Digits);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)] // Otp.NET itself would accept it
    [InlineData(0)]
    public void Other_digit_counts_are_refused_even_through_with(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpFactorSettings.Default with { Digits = digits });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpFactorSettings(OtpHashMode.Sha1, digits, 30));
    }

    [Fact]
    public void Unknown_algorithms_and_periods_below_one_second_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpFactorSettings.Default with { Algorithm = (OtpHashMode)42 });
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpFactorSettings.Default with { PeriodSeconds = 0 });
    }

    [Fact]
    public void Settings_stored_before_otp_net_read_back_unchanged()
    {
        // The JSON the gateway wrote with its own algorithm enum, as found in existing databases.
        var stored = TotpFactorSettings.FromJson("""{"algorithm":"Sha256","digits":8,"periodSeconds":60}""");

        Assert.Equal(new TotpFactorSettings(OtpHashMode.Sha256, 8, 60), stored);
        Assert.Equal("""{"algorithm":"Sha256","digits":8,"periodSeconds":60}""", stored.ToJson());
    }

    [Fact]
    public void Stored_settings_outside_the_supported_range_do_not_read_back()
    {
        Assert.ThrowsAny<Exception>(() => TotpFactorSettings.FromJson("""{"algorithm":"Sha1","digits":4,"periodSeconds":30}"""));
    }
}
