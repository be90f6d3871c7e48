using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// The demo bank (ASP.NET Core: case-insensitive, trailing slash ignored) accepts its login and
/// password-change forms at more than one spelling of their paths; the gateway must watch them all.
/// </summary>
public sealed class DemoBankPathVariantTests
{
    [Theory]
    [InlineData("/login/")]
    [InlineData("/LOGIN/")]
    [InlineData("/Login")]
    [InlineData("/login/.")]
    [InlineData("//login")]
    [InlineData("/login;x=1")]
    [InlineData("/a/../login")]
    public async Task A_login_posted_to_another_spelling_of_the_login_path_never_returns_the_app_session_for_the_password_alone(string path)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var (_, form) = await browser.GetPageAsync("/login");

        var response = await RawPath.PostFormAsync(browser, path,
            [.. HtmlPage.HiddenFields(form, "/login"), new("username", DemoUsers.Alice.Name), new("password", DemoUsers.Alice.Password)]);

        Assert.Null(browser.Cookie("DemoSession"));
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            // The bank accepted this spelling: the gateway held its answer back for the challenge.
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/.mfa/challenge", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_password_change_posted_with_a_trailing_slash_fires_the_after_password_change_trigger()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            var gateway = config["Gateway"]!.AsObject();
            gateway["Policies"]!["sensitive"] = new JsonObject
            {
                ["Level"] = "RiskBased",
                ["Factors"] = new JsonArray("totp"),
                ["Risk"] = new JsonObject { ["NewDevice"] = "Off", ["NewLocation"] = "Off", ["ImpossibleTravel"] = "Off", ["SuspiciousIp"] = "Off", ["AfterPasswordChange"] = "Challenge" },
            };
            gateway["Apps"]!["bank"]!["PasswordChange"] = new JsonObject { ["Path"] = "/account/password", ["SuccessStatus"] = new JsonArray(302) };
        });
        using var browser = host.NewBrowser();
        await browser.GetPageAsync((await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice)).ContinueUrl);

        // Beyond Gateway:SelfService:MaxAge: a changer with a fresh MFA would carry on unchallenged.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var (_, form) = await browser.GetPageAsync("/account/password");
        var changed = await browser.SubmitAsync("/account/password/", form,
            ("currentPassword", DemoUsers.Alice.Password), ("newPassword", "alice-new-password-9"), ("confirmPassword", "alice-new-password-9"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode); // the bank changed the password

        var (_, transferForm) = await browser.GetPageAsync("/transfer");
        var transfer = await browser.SubmitAsync("/transfer", transferForm, ("to", "bob"), ("amount", "1.00"));
        Assert.Equal(HttpStatusCode.SeeOther, transfer.StatusCode);
        Assert.Contains("Your password was changed recently.", WebUtility.HtmlDecode((await browser.FollowAsync(transfer)).Body), StringComparison.Ordinal);
    }
}
