using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class StepUpTests
{
    [Fact]
    public async Task A_fresh_mfa_lets_the_sensitive_post_through_without_a_new_challenge()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(4));

        var (_, form) = await browser.GetPageAsync("/transfer");
        var response = await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "25.00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Transferred 25.00 EUR to bob", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sensitive_post_after_max_age_asks_for_a_fresh_code_then_resubmits_the_form()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        // Reading pages still works: only the POST needs an MFA at most 5 minutes old.
        var (_, form) = await browser.GetPageAsync("/transfer");
        var post = await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "25.00"), ("reference", "rent & bills"));
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Equal("/.mfa/challenge", post.Headers.Location!.OriginalString);

        var (challenge, html) = await browser.FollowAsync(post);
        Assert.Contains("Confirm it's you to continue: Transfer.", System.Net.WebUtility.HtmlDecode(html));
        var verified = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        var resubmitPage = await verified.Content.ReadAsStringAsync();

        // The page carries the original form back to the app, posted by a script file (no inline script).
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("/transfer", HtmlPage.FormAction(resubmitPage));
        Assert.Contains("/.mfa/assets/resubmit.js", resubmitPage);
        Assert.DoesNotContain("__mfa_csrf", resubmitPage);
        var fields = HtmlPage.HiddenFields(resubmitPage, "/transfer");
        Assert.Contains(new KeyValuePair<string, string>("reference", "rent & bills"), fields);

        var transferred = await browser.PostFormAsync("/transfer", fields);
        Assert.Equal(HttpStatusCode.OK, transferred.StatusCode);
        Assert.Contains("Transferred 25.00 EUR to bob", await transferred.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_resubmit_script_is_served_and_allowed_by_the_content_security_policy()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var script = await browser.GetAsync("/.mfa/assets/resubmit.js");
        var css = await browser.GetAsync("/.mfa/assets/gateway.css");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("submit()", await script.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        var csp = script.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Fact]
    public async Task A_stale_session_on_a_get_route_with_max_age_returns_to_the_page_after_the_code()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Rules"]!.AsArray().Insert(0, System.Text.Json.Nodes.JsonNode.Parse("""{ "Paths": [ "/account/password" ], "Policy": "sensitive" }""")));
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(10));

        var response = await browser.GetAsync("/account/password?from=menu");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, html) = await browser.FollowAsync(response);
        var verified = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/account/password?from=menu", verified.Headers.Location!.OriginalString);
        var (page, _) = await browser.FollowAsync(verified);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task An_optional_policy_lets_unenrolled_users_through_and_challenges_enrolled_ones()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["DefaultPolicy"] = "optional";
        });

        using (var enrolled = host.NewBrowser())
        {
            // Alice enrols while sign-in is still required...
            await host.RewriteConfigAsync(config => config["Gateway"]!["DefaultPolicy"] = "signin");
            await BankFlows.SignInAndEnrolAsync(host, enrolled, DemoUsers.Alice);
            var reload = await host.RewriteConfigAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");
            Assert.True(reload.Accepted, string.Join("; ", reload.Errors));
        }

        // ...so under Optional she is still challenged, while Carol, who never enrolled, is not.
        using var alice = host.NewBrowser();
        var aliceLogin = await BankFlows.SubmitLoginAsync(alice, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal(HttpStatusCode.SeeOther, aliceLogin.StatusCode);
        Assert.Equal("/.mfa/challenge", aliceLogin.Headers.Location!.OriginalString);

        using var newcomer = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(newcomer, DemoUsers.Carol.Name, DemoUsers.Carol.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var (dashboard, body) = await newcomer.FollowAsync(login);
        Assert.Contains("Welcome, carol", body);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }
}
