using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Lifecycle;

public sealed class PolicyLevelTests
{
    [Fact]
    public async Task A_disabled_policy_never_challenges_even_an_enrolled_user_and_still_names_the_user_upstream()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Policies"]!["off"] = new JsonObject { ["Level"] = "Disabled" };
            config["Gateway"]!["Apps"]!["bank"]!["Routes"]!.AsArray().Add("echo");
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "off";
        });
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        // The gateway session is gone; the app session still names alice, who has a factor.
        browser.SetCookie("mfa-session-bank", "no-longer-valid");

        var required = await browser.GetAsync("/");
        var echoed = await EchoFlows.HeadersAsync(browser, "/echo/headers");

        Assert.Equal(HttpStatusCode.Redirect, required.StatusCode);
        Assert.Equal("/.mfa/challenge", required.Headers.Location!.OriginalString);
        Assert.Equal("alice", echoed.Headers["X-Mfa-User"]);
        Assert.Equal(string.Empty, echoed.Headers.GetValueOrDefault("X-Mfa-Factors", string.Empty));
    }

    [Fact]
    public async Task A_disabled_sign_in_policy_lets_the_app_session_through_without_any_mfa()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Policies"]!["off"] = new JsonObject { ["Level"] = "Disabled" };
            config["Gateway"]!["DefaultPolicy"] = "off";
            config["Gateway"]!["Apps"]!["bank"]!["Routes"]!.AsArray().Add("echo");
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "off";
        });
        using var browser = host.NewBrowser();

        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var (dashboard, body) = await browser.FollowAsync(login);
        var echoed = await EchoFlows.HeadersAsync(browser, "/echo/headers");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("Welcome, alice", body);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("alice", echoed.Headers["X-Mfa-User"]);
        Assert.Equal(string.Empty, echoed.Headers.GetValueOrDefault("X-Mfa-Factors", string.Empty));
    }
}
