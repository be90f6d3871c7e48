using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Identity;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Credentials;

/// <summary>
/// Issue 8 item 3: the bank's "keep me signed in" cookie signs a user in without a session cookie,
/// so a request without the tracked cookie was "anonymous" and forwarded with it: a signed-in user
/// without MFA. Credentials the gateway cannot vouch for never reach the app on a protected route.
/// </summary>
public sealed class RememberMeTests
{
    [Fact]
    public async Task A_remember_me_cookie_learnt_at_login_signs_nobody_in_without_mfa()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var remembered = await RememberedThroughGatewayAsync(host);
        using var thief = host.NewBrowser();
        thief.SetCookie("DemoRemember", remembered);

        var response = await thief.GetAsync("/");

        AssertSentToLogin(response);
        var learnt = host.Services.GetRequiredService<LoginCookieRegistry>().For(host.Monitor.Current.Apps["bank"]);
        Assert.Equal(["DemoRemember"], learnt);
    }

    [Fact]
    public async Task What_was_learnt_is_still_withheld_after_a_restart()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var remembered = await RememberedThroughGatewayAsync(host);
        await host.RestartGatewayAsync();
        using var thief = host.NewBrowser();
        thief.SetCookie("DemoRemember", remembered);

        AssertSentToLogin(await thief.GetAsync("/"));
    }

    [Fact]
    public async Task A_configured_credential_is_withheld_before_any_login_through_the_gateway()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Apps"]!["bank"]!["Credentials"] = new JsonObject { ["Cookies"] = new JsonArray("DemoRemember") });
        using var direct = new Browser(host.DemoAddress);
        var (_, form) = await direct.GetPageAsync("/login");
        await direct.SubmitAsync("/login", form, ("username", "alice"), ("password", DemoUsers.Alice.Password), ("remember", "on"));
        using var thief = host.NewBrowser();
        thief.SetCookie("DemoRemember", direct.Cookie("DemoRemember")!);

        AssertSentToLogin(await thief.GetAsync("/"));
    }

    [Fact]
    public async Task The_user_who_passed_mfa_keeps_using_the_bank()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var alice = host.NewBrowser();
        await RememberedThroughGatewayAsync(host, alice);

        var (response, body) = await alice.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Welcome, alice", body, StringComparison.Ordinal);
    }

    /// <summary>Alice signs in through the gateway with "keep me signed in" ticked and enrols; returns her remember-me cookie.</summary>
    private static async Task<string> RememberedThroughGatewayAsync(GatewayTestHost host, Browser? browser = null)
    {
        var owned = browser is null;
        browser ??= host.NewBrowser();
        try
        {
            var (_, form) = await browser.GetPageAsync("/login");
            var login = await browser.SubmitAsync("/login", form, ("username", "alice"), ("password", DemoUsers.Alice.Password), ("remember", "on"));
            var (_, enrol) = await browser.FollowAsync(login);
            var secret = TotpSecrets.Decode(HtmlPage.TextOf(enrol, "secret")!);
            var done = await browser.SubmitAsync("/.mfa/enrol", enrol, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
            await browser.GetPageAsync(BankFlows.ContinueLink(await done.Content.ReadAsStringAsync()));
            return browser.Cookie("DemoRemember") ?? throw new InvalidOperationException("the bank set no remember-me cookie");
        }
        finally
        {
            if (owned)
            {
                browser.Dispose();
            }
        }
    }

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
