using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;
using static MfaGateway.Tests.Sessions.SessionEndFlows;

namespace MfaGateway.Tests.Sessions;

/// <summary>
/// The user who changes their own password on the app's page with a fresh MFA carries on; every other
/// session of theirs ends. Sign-in is RiskBased with only the after-password-change trigger.
/// </summary>
public sealed class OwnPasswordChangeTests
{
    private const string NewPassword = "alice-new-password-7";

    [Fact]
    public async Task The_changer_with_a_fresh_mfa_is_not_challenged_on_the_redirect_and_the_other_browser_is_signed_out()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        await browser.GetPageAsync(enrolled.ContinueUrl);
        using var other = host.NewBrowser();
        await RiskFlows.SignInUnchallengedAsync(other, DemoUsers.Alice);
        Assert.True(await IsSignedInAsync(other, DemoUsers.Alice));

        host.Time.Advance(TimeSpan.FromMinutes(2));
        var (_, form) = await browser.GetPageAsync("/account/password");
        var changed = await browser.SubmitAsync("/account/password", form,
            ("currentPassword", DemoUsers.Alice.Password), ("newPassword", NewPassword), ("confirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var (page, _) = await browser.FollowAsync(changed);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/account/password", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(await IsSignedInAsync(browser, DemoUsers.Alice));

        await AssertSentToSignInAsync(other);
    }

    [Fact]
    public async Task The_changer_whose_mfa_is_not_fresh_is_challenged_again()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        await browser.GetPageAsync(enrolled.ContinueUrl);

        host.Time.Advance(TimeSpan.FromMinutes(6)); // beyond Gateway:SelfService:MaxAge (5 minutes)
        var (_, form) = await browser.GetPageAsync("/account/password");
        var changed = await browser.SubmitAsync("/account/password", form,
            ("currentPassword", DemoUsers.Alice.Password), ("newPassword", NewPassword), ("confirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var next = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/.mfa/challenge", next.Headers.Location!.OriginalString);
        Assert.Contains("Your password was changed recently.", WebUtility.HtmlDecode((await browser.FollowAsync(next)).Body));
    }

    private static Task<GatewayTestHost> StartAsync() =>
        RiskFlows.StartAsync(new JsonObject { ["AfterPasswordChange"] = "Challenge" }, gateway =>
            gateway["Apps"]!["bank"]!["PasswordChange"] = new JsonObject
            {
                ["Path"] = "/account/password",
                ["SuccessStatus"] = new JsonArray(302),
            });
}
