using System.Net;
using System.Text.RegularExpressions;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// A form POST that triggers a step-up is re-submitted after the code only when the browser says it
/// came from this site. Every forged transfer below carries the bank's own antiforgery token, standing
/// in for an app that has none: the gateway is the only defence these tests look at.
/// </summary>
public sealed partial class CrossSiteFormTests
{
    /// <summary>Headers another site's page (or a browser that names no site) makes a form POST carry.</summary>
    public static TheoryData<string, string?, string?> ForeignSources => new()
    {
        { "Origin", "https://evil.example", "another website" },
        { "Origin", "null", "another website" },
        { "Sec-Fetch-Site", "cross-site", "another website" },
        { "Sec-Fetch-Site", "same-site", "another website" },
        { "Referer", "https://evil.example/prize.html", "another website" },
        { "none", null, "did not say which website" },
    };

    [Theory]
    [MemberData(nameof(ForeignSources))]
    public async Task A_cross_site_transfer_is_not_sent_after_the_step_up_while_a_same_origin_one_is(string header, string? value, string? told)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var balance = await BalanceAsync(browser);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var (_, form) = await browser.GetPageAsync("/transfer");
        var forged = new HttpRequestMessage(HttpMethod.Post, "/transfer")
        {
            Content = new FormUrlEncodedContent([.. HtmlPage.HiddenFields(form, "/transfer"), new("to", "bob"), new("amount", "900.00")]),
        };
        if (value is null)
        {
            forged.Options.Set(Browser.WithoutOrigin, true);
        }
        else
        {
            forged.Headers.TryAddWithoutValidation(header, value);
        }

        var stepUp = await browser.SendAsync(forged);
        Assert.Equal(HttpStatusCode.SeeOther, stepUp.StatusCode);
        var (_, challenge) = await browser.FollowAsync(stepUp);
        var verified = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        var page = await verified.Content.ReadAsStringAsync();

        // MFA is done, the user is told the form went nowhere, and no form is there to post it.
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("was not sent", page);
        Assert.Contains(told!, page);
        Assert.DoesNotContain("action=\"/transfer\"", page);
        Assert.Equal(balance, await BalanceAsync(browser));

        // The same transfer made on the bank's own page, after the next step-up, goes through.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        (_, form) = await browser.GetPageAsync("/transfer");
        var own = await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "25.00"));
        (_, challenge) = await browser.FollowAsync(own);
        verified = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        var resubmit = await verified.Content.ReadAsStringAsync();
        Assert.Equal("/transfer", HtmlPage.FormAction(resubmit));
        var transferred = await browser.PostFormAsync("/transfer", HtmlPage.HiddenFields(resubmit, "/transfer"));
        Assert.Contains("Transferred 25.00 EUR to bob", await transferred.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Referer", "/transfer")]
    public async Task A_form_the_browser_places_on_this_site_without_an_origin_header_is_still_kept(string header, string value)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var (_, form) = await browser.GetPageAsync("/transfer");
        var post = new HttpRequestMessage(HttpMethod.Post, "/transfer")
        {
            Content = new FormUrlEncodedContent([.. HtmlPage.HiddenFields(form, "/transfer"), new("to", "bob"), new("amount", "5.00")]),
        };
        post.Headers.TryAddWithoutValidation(header, header == "Referer" ? new Uri(browser.BaseAddress, value).ToString() : value);
        var (_, challenge) = await browser.FollowAsync(await browser.SendAsync(post));
        var verified = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal("/transfer", HtmlPage.FormAction(await verified.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_gateway_refuses_a_post_to_its_own_pages_and_apis_from_another_origin()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(html, "secret")!);

        var page = new HttpRequestMessage(HttpMethod.Post, "/.mfa/enrol")
        {
            Content = new FormUrlEncodedContent([.. HtmlPage.HiddenFields(html), new("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow()))]),
        };
        page.Headers.Add("Origin", "https://evil.example");
        var api = new HttpRequestMessage(HttpMethod.Post, "/.mfa/api/security/disable") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        api.Headers.Add("Sec-Fetch-Site", "cross-site");

        var refusedPage = await browser.SendAsync(page);
        var refusedApi = await browser.SendAsync(api);

        Assert.Equal(HttpStatusCode.Forbidden, refusedPage.StatusCode);
        Assert.Contains("from another website", await refusedPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refusedApi.StatusCode);
        Assert.Contains("\"cross_origin_request\"", await refusedApi.Content.ReadAsStringAsync());
        Assert.Null(browser.Cookie("mfa-session-bank"));
    }

    [Fact]
    public async Task Gateway_pages_keep_the_referrer_on_this_site_so_their_own_posts_carry_a_real_origin()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var (page, _) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());
    }

    private static async Task<string> BalanceAsync(Browser browser)
    {
        var (_, dashboard) = await browser.GetPageAsync("/");
        return Balance().Match(dashboard).Groups[1].Value;
    }

    [GeneratedRegex("<p class=\"balance\">([^<]*)</p>")]
    private static partial Regex Balance();
}
