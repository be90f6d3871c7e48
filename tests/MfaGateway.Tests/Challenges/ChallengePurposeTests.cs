using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Challenges;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;

namespace MfaGateway.Tests.Challenges;

/// <summary>The challenge page and the JSON API name what a challenge is for: sign-in, a step-up for this action, enrolment.</summary>
public sealed class ChallengePurposeTests
{
    [Fact]
    public async Task After_a_quiet_sign_in_the_first_transfer_asks_to_confirm_the_transfer_not_to_finish_signing_in()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);

        var (_, form) = await browser.GetPageAsync("/transfer");
        var post = await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "5.00"));
        var (_, html) = await browser.FollowAsync(post);
        var page = WebUtility.HtmlDecode(html);

        Assert.Contains("Confirm it's you to continue: Transfer.", page);
        Assert.DoesNotContain("finish signing in", page);

        var api = new HttpRequestMessage(HttpMethod.Post, "/api/transfers") { Content = JsonContent.Create(new { to = "bob", amount = 5.00m }) };
        api.Headers.Accept.Add(Browser.Json);
        var required = JsonDocument.Parse(await (await browser.SendAsync(api)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("step_up", required.GetProperty("purpose").GetString());
        Assert.Equal("Transfers", required.GetProperty("action").GetString());
    }

    [Fact]
    public async Task The_api_says_sign_in_after_a_password_and_enrolment_for_a_user_without_a_factor()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var enrolment = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, enrolment, DemoUsers.Alice);

        using var script = host.NewBrowser();
        var signIn = JsonDocument.Parse(await (await ApiFlows.SubmitLoginAsApiAsync(script, DemoUsers.Alice)).Content.ReadAsStringAsync()).RootElement;
        using var newcomer = host.NewBrowser();
        var enrol = JsonDocument.Parse(await (await ApiFlows.SubmitLoginAsApiAsync(newcomer, DemoUsers.Carol)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("sign_in", signIn.GetProperty("purpose").GetString());
        Assert.False(signIn.TryGetProperty("action", out _));
        Assert.Equal("enrolment", enrol.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Opening_verify_while_a_step_up_is_pending_keeps_it_and_its_form()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var (_, form) = await browser.GetPageAsync("/transfer");
        var post = await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "25.00"));
        Assert.Equal("/.mfa/challenge", post.Headers.Location!.OriginalString);

        // E.g. a link on another site: it must not replace the challenge holding the transfer.
        var verify = await browser.GetAsync("/.mfa/verify?returnUrl=" + Uri.EscapeDataString("/account"));
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Equal("/.mfa/challenge", verify.Headers.Location!.OriginalString);
        Assert.False(verify.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ChallengeCookie.Name + "=", StringComparison.Ordinal)));

        var (_, html) = await browser.FollowAsync(verify);
        var passed = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal("/transfer", HtmlPage.FormAction(await passed.Content.ReadAsStringAsync()));
    }
}
