using MfaGateway.Apps;
using MfaGateway.Identity;

namespace MfaGateway.Tests.Identity;

public sealed class UserNameTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData(" ALICE ", "alice")]
    [InlineData("Alice@Example.COM", "alice@example.com")]
    public void User_names_are_one_user_whatever_their_case_and_surrounding_spaces(string raw, string expected) =>
        Assert.Equal(expected, UserName.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ali\nce")]
    [InlineData("ali\0ce")]
    public void Empty_or_control_character_user_names_are_no_user(string? raw) =>
        Assert.Null(UserName.Normalize(raw));

    [Fact]
    public void Over_long_user_names_are_no_user() =>
        Assert.Null(UserName.Normalize(new string('a', UserName.MaxLength + 1)));

    [Theory]
    [InlineData("Alice", "Alice")]
    [InlineData(" alice ", "alice")]
    public void An_app_that_keeps_case_apart_keeps_it(string raw, string expected) =>
        Assert.Equal(expected, UserName.Normalize(raw, UserNameCase.Sensitive));
}
