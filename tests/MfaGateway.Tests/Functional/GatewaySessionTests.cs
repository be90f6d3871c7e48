using System.Net;
using MfaGateway.Challenges;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class GatewaySessionTests
{
    private const string SessionCookie = "mfa-session-bank";

    [Fact]
    public async Task A_valid_session_reaches_the_app_without_a_new_challenge()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromHours(1));

        var (page, body) = await browser.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Welcome, alice", body);
    }

    [Fact]
    public async Task A_tampered_session_cookie_brings_the_challenge_back()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var token = browser.Cookie(SessionCookie)!;
        var flipped = Tamper.FlipCharacter(token, 20);
        browser.SetCookie(SessionCookie, flipped);

        var response = await browser.GetAsync("/");
        var (challenge, html) = await browser.FollowAsync(response);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Signed in as <strong>alice</strong>", html);
    }

    [Fact]
    public async Task An_expired_session_brings_the_challenge_back()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        host.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.mfa/challenge", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Another_users_gateway_cookie_does_not_satisfy_mfa_for_this_app_session()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var alice = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        using var bob = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);

        // Bob's browser presents Alice's gateway session next to Bob's own app session.
        bob.SetCookie(SessionCookie, alice.Cookie(SessionCookie)!);
        var response = await bob.GetAsync("/");
        var (_, html) = await bob.FollowAsync(response);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Signed in as <strong>bob</strong>", html);
    }

    [Fact]
    public async Task A_new_app_session_with_the_old_gateway_cookie_is_challenged_again()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var oldGatewayCookie = browser.Cookie(SessionCookie)!;

        // Signing in again creates a new app session: the gateway holds it back for a new MFA.
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);

        // An app session obtained elsewhere and planted next to the old gateway cookie is not trusted either.
        using var elsewhere = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, elsewhere, DemoUsers.Bob);
        using var planted = host.NewBrowser();
        planted.SetCookie("DemoSession", elsewhere.Cookie("DemoSession")!);
        planted.SetCookie(SessionCookie, oldGatewayCookie);
        var response = await planted.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.mfa/challenge", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_app_session_the_gateway_never_saw_created_is_sent_back_to_sign_in()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        browser.SetCookie("DemoSession", "made-up-or-pre-gateway-session");

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DemoSession=;", StringComparison.Ordinal));

        // The login page itself is never challenged, even while the stale cookie is still sent.
        browser.SetCookie("DemoSession", "made-up-or-pre-gateway-session");
        var loginPage = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.Contains("name=\"password\"", await loginPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_app_rotating_its_session_keeps_the_user_signed_in()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var before = browser.Cookie("DemoSession");

        // The demo app re-issues its session cookie on password change, as many apps do.
        host.Time.AdvanceToNextTimeStep();
        var (_, form) = await browser.GetPageAsync("/account/password");
        var changed = await browser.SubmitAsync("/account/password", form,
            ("currentPassword", DemoUsers.Alice.Password), ("newPassword", "alice-password-NEW"), ("confirmPassword", "alice-password-NEW"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.NotEqual(before, browser.Cookie("DemoSession"));

        var (page, body) = await browser.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Welcome, alice", body);
    }

    [Fact]
    public async Task The_apps_logout_path_clears_the_gateway_session()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        Assert.NotNull(browser.Cookie(SessionCookie));

        var logout = await browser.GetAsync("/logout");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Null(browser.Cookie("DemoSession"));
    }

    [Fact]
    public async Task Gateway_cookies_never_reach_the_app()
    {
        await using var host = await GatewayTestHost.StartAsync((config, echo) =>
        {
            // Put the echo upstream behind the bank app, so a signed-in request carries the gateway cookie to it.
            config["Gateway"]!["Apps"]!["bank"]!["Routes"]!.AsArray().Add("echo");
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "signin";
        });
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        browser.SetCookie(ChallengeCookie.Name, "some-challenge-id");

        var echoed = await EchoFlows.HeadersAsync(browser, "/echo/headers");

        Assert.Equal("alice", echoed.Headers["X-Mfa-User"]);
        Assert.Equal("totp", echoed.Headers["X-Mfa-Factors"]);
        Assert.True(echoed.Headers.ContainsKey("X-Mfa-Authenticated-At"));
        var cookies = echoed.Headers["Cookie"];
        Assert.Contains("DemoSession=", cookies);
        Assert.DoesNotContain(SessionCookie, cookies);
        Assert.DoesNotContain(ChallengeCookie.Name, cookies);
    }
}
