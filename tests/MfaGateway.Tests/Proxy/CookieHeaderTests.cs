using MfaGateway.Proxy;

namespace MfaGateway.Tests.Proxy;

public sealed class CookieHeaderTests
{
    [Theory]
    [InlineData("mfa-session-bank=abc", "")]
    [InlineData("mfa-session-bank=abc; DemoSession=x", "DemoSession=x")]
    [InlineData("DemoSession=x; mfa-session-bank=abc", "DemoSession=x")]
    [InlineData("a=1; mfa-session-bank=abc; b=2", "a=1; b=2")]
    [InlineData("a=1;mfa-session-bank=abc;b=2", "a=1;b=2")]
    [InlineData("a=1; mfa-challenge=id; mfa-session-bank=abc; b=2", "a=1; b=2")]
    [InlineData("mfa-challenge=id; mfa-session-bank=abc", "")]
    public void Gateway_cookies_are_removed_wherever_they_stand(string header, string expected) =>
        Assert.Equal(expected, CookieHeader.Without(header, "mfa-challenge", "mfa-session-bank"));

    [Theory]
    [InlineData("x-mfa-session-bank=1; b=2")]
    [InlineData("mfa-session-bank2=1; b=2")]
    [InlineData("a=mfa-session-bank=1")]
    [InlineData("a=1; note=mfa-challenge")]
    [InlineData("")]
    public void Other_cookies_that_merely_contain_the_name_are_kept_and_the_header_is_not_copied(string header) =>
        Assert.Same(header, CookieHeader.Without(header, "mfa-challenge", "mfa-session-bank"));
}
