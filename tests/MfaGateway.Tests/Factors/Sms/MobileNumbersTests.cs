using MfaGateway.Factors.Sms;

namespace MfaGateway.Tests.Factors.Sms;

public sealed class MobileNumbersTests
{
    private static readonly IReadOnlySet<string> UkAndGermany = new HashSet<string> { "GB", "DE" };

    [Theory]
    [InlineData("+44 7400 123456", null, "+447400123456", "GB")]
    [InlineData("07400 123456", "GB", "+447400123456", "GB")]
    [InlineData("(07400) 123-456", "GB", "+447400123456", "GB")]
    [InlineData("+49 1512 3456789", "GB", "+4915123456789", "DE")]
    [InlineData("0044 7400 123456", "GB", "+447400123456", "GB")]
    public void Numbers_are_normalised_to_e164_with_their_region(string typed, string? region, string e164, string expectedRegion)
    {
        Assert.True(MobileNumbers.TryNormalize(typed, region, UkAndGermany, out var entry, out var problem), problem);
        Assert.Equal(e164, entry!.E164);
        Assert.Equal(expectedRegion, entry.Region);
    }

    [Theory]
    [InlineData("", null, "Enter your mobile number.")]
    [InlineData("07400 123456", null, "with its country code")]
    [InlineData("not a number", "GB", "That is not a phone number.")]
    [InlineData("+44 7700 90", "GB", "does not exist")]
    [InlineData("+44 20 7946 0123", "GB", "cannot receive text messages")]
    [InlineData("+33 6 12 34 56 78", "GB", "numbers in that country")]
    [InlineData("+44 7400 123456\n", "GB", null)]
    [InlineData("+44 7400\u0000123456", "GB", "That is not a phone number.")]
    public void Bad_numbers_are_refused_with_a_reason(string typed, string? region, string? says)
    {
        var ok = MobileNumbers.TryNormalize(typed, region, UkAndGermany, out _, out var problem);
        if (says is null)
        {
            Assert.True(ok, problem);
            return;
        }

        Assert.False(ok);
        Assert.Contains(says, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_masked_number_shows_the_country_code_and_the_last_three_digits_only()
    {
        Assert.Equal("+44 ••••••• 456", MobileNumbers.Mask("+447400123456"));
        Assert.DoesNotContain("7400", MobileNumbers.Mask("+447400123456"), StringComparison.Ordinal);
    }
}
