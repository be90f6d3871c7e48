using System.Net;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

public sealed class SecurityPageTests
{
    [Fact]
    public async Task The_page_lists_the_users_factors_and_recovery_codes_with_no_inline_script_or_style()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        var (page, html) = await SecurityFlows.OpenAsync(browser);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Two-step verification for <strong>alice</strong> is <strong>on</strong>", html);
        Assert.Contains("Authenticator app", html);
        Assert.Contains("Primary", html);
        Assert.Contains("You have 10 recovery codes left.", html);
        Assert.Contains("Your devices", html);
        Assert.Contains("This device", html); // the browser just verified on is recognised
        Assert.Contains("Turn off two-step verification", html);
        SecurityFlows.AssertNoInlineScriptOrStyle(html);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());

        // Every field is labelled, every form carries the antiforgery token.
        Assert.Contains("Turn off two-step verification</button>", html);
        var factorId = (await SecurityFlows.FactorsAsync(host, "alice")).Single().Id;
        Assert.Contains($"<label for=\"name-{factorId}\">", html);
        Assert.Equal(
            System.Text.RegularExpressions.Regex.Matches(html, "<form ").Count,
            System.Text.RegularExpressions.Regex.Matches(html, "name=\"__mfa_csrf\"").Count);
    }

    [Fact]
    public async Task Without_a_signed_in_user_the_page_says_to_sign_in_first()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var (page, html) = await SecurityFlows.OpenAsync(browser);
        var json = await SecurityFlows.GetJsonAsync(browser);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Sign in to the application first", html);
        Assert.Contains("<a class=\"button\" href=\"/\">", html);
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        Assert.Equal(ErrorCodes.LoginRequired, (await SecurityFlows.JsonOf(json)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Viewing_needs_no_fresh_mfa_but_an_expired_session_is_sent_to_verify()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        host.Time.Advance(TimeSpan.FromHours(1));
        var (stale, html) = await SecurityFlows.OpenAsync(browser);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Changes need a recent verification", html);

        host.Time.Advance(TimeSpan.FromHours(12));
        var expired = await browser.GetAsync(SecurityFlows.Page);
        Assert.Equal(HttpStatusCode.SeeOther, expired.StatusCode);
        Assert.Equal(SecurityFlows.VerifyUrl, expired.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Rename_refuses_an_empty_or_over_long_name_and_accepts_a_good_one()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        var empty = await SecurityFlows.PostAsync(browser, "Rename", ("factorId", factor.Id), ("name", "   "));
        var tooLong = await SecurityFlows.PostAsync(browser, "Rename", ("factorId", factor.Id), ("name", new string('x', 65)));
        var missing = await SecurityFlows.PostAsync(browser, "Rename", ("factorId", factor.Id));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter a name.", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 64 characters", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(factor.Name, (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);

        var renamed = await SecurityFlows.PostAsync(browser, "Rename", ("factorId", factor.Id), ("name", "  Phone <b>& co</b> " + new string('x', 40)));
        Assert.Equal(HttpStatusCode.SeeOther, renamed.StatusCode);
        var (_, html) = await browser.FollowAsync(renamed);
        Assert.Contains("The name was changed.", html);
        Assert.Contains("Phone &lt;b&gt;&amp; co&lt;/b&gt;", html);
        Assert.Equal("Phone <b>& co</b> " + new string('x', 40), (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);
    }

    [Fact]
    public async Task A_cross_site_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        var request = new HttpRequestMessage(HttpMethod.Post, $"{SecurityFlows.Page}?handler=Remove&app=bank")
        {
            Content = new FormUrlEncodedContent([new("factorId", factor.Id)]),
        };
        request.Headers.Add("Origin", "https://evil.example");
        var forged = await browser.SendAsync(request);

        // Naming another origin, it is refused before the token is even looked at...
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        // ...and sent without an Origin (an old browser), the missing token refuses it.
        var tokenless = new HttpRequestMessage(HttpMethod.Post, $"{SecurityFlows.Page}?handler=Remove&app=bank")
        {
            Content = new FormUrlEncodedContent([new("factorId", factor.Id)]),
        };
        tokenless.Options.Set(Browser.WithoutOrigin, true);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(tokenless)).StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.NotNull(browser.Cookie(SecurityFlows.SessionCookie));
    }

    [Fact]
    public async Task An_unknown_action_gets_a_page_not_an_error()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        var response = await SecurityFlows.PostAsync(browser, "Explode", ("factorId", "x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This page does not offer that action.", await response.Content.ReadAsStringAsync());
    }
}
