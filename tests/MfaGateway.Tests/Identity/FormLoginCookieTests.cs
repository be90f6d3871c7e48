using MfaGateway.Identity;
using MfaGateway.Sessions;
using MfaGateway.Web;

namespace MfaGateway.Tests.Identity;

public sealed class FormLoginCookieTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("DemoSession=abc; path=/; httponly", "abc")]
    [InlineData("DemoSession=\"abc\"; path=/", "abc")]
    [InlineData("Other=1; path=/", null)]
    [InlineData("DemoSession=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/", null)]
    [InlineData("DemoSession=abc; max-age=0; path=/", null)]
    [InlineData("DemoSession=abc; expires=Thu, 01 Jan 2026 00:00:00 GMT; path=/", null)]
    public void The_app_session_set_at_login_is_read_as_the_browser_will_send_it_back(string setCookie, string? expected) =>
        Assert.Equal(expected, AppResponses.FindCookie([setCookie], "DemoSession", Now));

    [Fact]
    public void A_quoted_session_cookie_binds_to_what_the_browser_sends_back()
    {
        var atLogin = AppResponses.FindCookie(["DemoSession=\"abc\"; path=/"], "DemoSession", Now)!;
        Assert.Equal(MfaGateway.Web.CookiePresence.Once, MfaGateway.Web.CookieHeader.Find("DemoSession=\"abc\"", "DemoSession", out var onRequest));

        Assert.Equal(SessionBinding.For(atLogin), SessionBinding.For(onRequest));
    }
}
