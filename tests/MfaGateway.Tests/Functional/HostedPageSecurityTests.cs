using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class HostedPageSecurityTests
{
    [Fact]
    public async Task A_cross_site_post_of_the_right_code_without_the_antiforgery_token_is_refused_at_enrolment()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(html, "secret")!);

        var forged = await PostWithoutTokenAsync(browser, "/.mfa/enrol", BankFlows.CodeAt(secret, host.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(browser.Cookie("DemoSession"));
        Assert.Null(browser.Cookie("mfa-session-bank"));

        // The same code with the token still works: the refusal changed nothing.
        var genuine = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.NotNull(browser.Cookie("mfa-session-bank"));
    }

    [Fact]
    public async Task A_cross_site_post_of_the_right_code_without_the_antiforgery_token_is_refused_at_the_challenge()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var first = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        var forged = await PostWithoutTokenAsync(browser, "/.mfa/challenge", BankFlows.CodeAt(secret, host.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(browser.Cookie("DemoSession"));
        Assert.Null(browser.Cookie("mfa-session-bank"));
    }

    /// <summary>
    /// What an attacker's page can do: post to the gateway with the victim's cookies, but without the
    /// token. Sent without an Origin header (as from an old browser), so the token check is what
    /// refuses it; a post naming another origin is refused before that (CrossSiteFormTests).
    /// </summary>
    private static Task<HttpResponseMessage> PostWithoutTokenAsync(Browser browser, string page, string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent([new("Code", code)]) };
        request.Options.Set(Browser.WithoutOrigin, true);
        return browser.SendAsync(request);
    }

    [Fact]
    public async Task Hosted_pages_send_a_strict_content_security_policy_and_no_inline_script()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var (page, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain(" onclick=", html);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_code_field_is_labelled_and_keyboard_ready()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var first = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        using var browser = host.NewBrowser();
        var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        Assert.Contains("<label for=\"code\">", html);
        Assert.Contains("autocomplete=\"one-time-code\"", html);
        Assert.Contains("inputmode=\"numeric\"", html);
        Assert.Contains("autofocus", html);
        Assert.Contains("<button type=\"submit\">", html);
        Assert.Contains("<html lang=\"en\">", html);
    }

    [Fact]
    public async Task An_expired_or_missing_challenge_shows_a_clear_page_not_an_error()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var (page, html) = await browser.GetPageAsync("/.mfa/challenge");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("This verification has expired", html);
        Assert.Contains("Start again", html);
    }
}
