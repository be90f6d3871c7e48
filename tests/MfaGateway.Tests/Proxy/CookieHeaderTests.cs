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

    [Theory]
    [InlineData("DemoSession=abc", "abc")]
    [InlineData("a=1; DemoSession=abc; b=2", "abc")]
    [InlineData("a=1;DemoSession=abc", "abc")]
    [InlineData("DemoSession=\"quoted\"; b=2", "quoted")]
    [InlineData("DemoSession=first; DemoSession=second", "first")]
    [InlineData("XDemoSession=no; DemoSession=yes", "yes")]
    [InlineData("DemoSession=", "")]
    public void The_first_cookie_of_the_name_is_read_as_the_app_reads_it(string header, string expected)
    {
        Assert.True(CookieHeader.TryGetValue(header, "DemoSession", out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a=1; b=2")]
    [InlineData("a=DemoSession=1")]
    [InlineData("DemoSessionX=1")]
    public void A_cookie_that_is_not_there_is_not_found(string header) =>
        Assert.False(CookieHeader.TryGetValue(header, "DemoSession", out _));

    [Fact]
    public void Cookies_split_over_several_headers_are_all_searched() =>
        Assert.True(CookieHeader.TryGetValue(new Microsoft.Extensions.Primitives.StringValues(["a=1", "DemoSession=abc"]), "DemoSession", out var value) && value.SequenceEqual("abc"));
}
