using MfaGateway.Sessions;

namespace MfaGateway.Tests.Sessions;

public sealed class SessionBindingTests
{
    [Theory]
    [InlineData("CfDJ8Abc123")]
    [InlineData("")]
    [InlineData("ünïcødé ☃")]
    public void For_is_stable_for_the_same_cookie(string cookie)
    {
        Assert.Equal(SessionBinding.For(cookie), SessionBinding.For(cookie));
        Assert.Equal(SessionBinding.For(cookie), SessionBinding.For(new string(cookie.ToCharArray())));
    }

    [Fact]
    public void For_is_stable_for_long_cookies_too()
    {
        // Over 1 KiB the hash input is no longer on the stack; the result must not depend on that.
        var cookie = new string('x', 4000) + "é";

        Assert.Equal(SessionBinding.For(cookie), SessionBinding.For(cookie));
        Assert.NotEqual(SessionBinding.For(cookie), SessionBinding.For(cookie[..^1] + "e"));
    }

    [Fact]
    public void For_differs_for_different_cookies()
    {
        string[] cookies = ["a", "b", "A", "a ", " a", "session-1", "session-2", "", new string('x', 1024), new string('x', 1025)];

        var bindings = cookies.Select(c => SessionBinding.For(c)).ToList();

        Assert.Equal(cookies.Length, bindings.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void For_is_a_short_url_safe_hash_that_does_not_contain_the_cookie()
    {
        var binding = SessionBinding.For("secret-app-session-token");

        Assert.Equal(22, binding.Length); // 128 bits, base64url without padding
        Assert.All(binding, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not base64url"));
        Assert.DoesNotContain("secret", binding, StringComparison.Ordinal);
        Assert.NotEqual(SessionBinding.None, binding);
    }

    [Fact]
    public void Matches_is_true_only_for_the_same_binding()
    {
        var binding = SessionBinding.For("cookie-1");

        Assert.True(SessionBinding.Matches(binding, SessionBinding.For("cookie-1")));
        Assert.False(SessionBinding.Matches(binding, SessionBinding.For("cookie-2")));
        Assert.False(SessionBinding.Matches(binding, binding[..^1]));
        Assert.False(SessionBinding.Matches(binding, binding + "A"));
        Assert.False(SessionBinding.Matches(binding, SessionBinding.None));
        Assert.False(SessionBinding.Matches(SessionBinding.None, binding));
        Assert.True(SessionBinding.Matches(SessionBinding.None, SessionBinding.None));
    }
}
