using MfaGateway.Validation;

namespace MfaGateway.Tests.Validation;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("7d", 604_800_000)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    [InlineData("00:05:00", 300_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    [InlineData(" 5m ", 300_000)]
    public void Valid_durations_parse_to_the_expected_length(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("-5m")]
    [InlineData("0s")]
    [InlineData("0m0s")]
    [InlineData("abc")]
    [InlineData("5 minutes")]
    [InlineData("forever")]
    [InlineData("5M")]
    [InlineData("1w")]
    [InlineData("m5")]
    [InlineData("00:00:00")]
    [InlineData("-00:05:00")]
    public void Invalid_or_non_positive_durations_are_refused(string? text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
