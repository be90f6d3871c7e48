using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

public sealed class FactorChangeTests
{
    [Fact]
    public async Task Removing_the_last_factor_with_a_code_under_required_ends_the_session_and_the_next_sign_in_enrols()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        host.Time.AdvanceToNextTimeStep();
        var removed = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", factor.Id), ("code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Two-step verification is off", await removed.Content.ReadAsStringAsync());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(0, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));

        // The session that still carried the old MFA is gone, and so is the app session's standing:
        // the next request signs in again, and the sign-in enrols.
        Assert.Null(browser.Cookie(SecurityFlows.SessionCookie));
        var next = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/login", next.Headers.Location!.OriginalString);
        var (page, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Set up two-step verification", html);
        Assert.DoesNotContain("Skip for now", html);
    }

    [Fact]
    public async Task A_change_without_a_fresh_mfa_is_sent_to_verify_changes_nothing_and_goes_through_after_the_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var (_, html) = await SecurityFlows.OpenAsync(browser);

        foreach (var (handler, fields) in new (string, (string, string)[])[]
        {
            ("Rename", [("factorId", factor.Id), ("name", "Renamed")]),
            ("Primary", [("factorId", factor.Id)]),
            ("ForgetAllDevices", []),
        })
        {
            var refused = await SecurityFlows.PostFromAsync(browser, html, handler, fields);
            Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
            Assert.Equal(SecurityFlows.VerifyUrl, refused.Headers.Location!.OriginalString);
        }

        // Those that need a proof now ask for it instead, whatever the session's age.
        foreach (var handler in new[] { "RecoveryCodes", "Add" })
        {
            var asked = await SecurityFlows.PostFromAsync(browser, html, handler);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains("Confirm it's you", await asked.Content.ReadAsStringAsync());
        }

        Assert.Equal(SecurityFlows.Summary(factor), SecurityFlows.Summary((await SecurityFlows.FactorsAsync(host, "alice")).Single()));
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));

        // The verify page runs a challenge and comes back; the change then goes through.
        var (challenge, challengeHtml) = await browser.GetPageAsync(SecurityFlows.VerifyUrl);
        Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
        var verified = await browser.SubmitAsync("/.mfa/challenge", challengeHtml, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/.mfa/security", verified.Headers.Location!.OriginalString);

        var renamed = await SecurityFlows.PostAsync(browser, "Rename", ("factorId", factor.Id), ("name", "Renamed"));
        Assert.Equal(HttpStatusCode.SeeOther, renamed.StatusCode);
        Assert.Equal("Renamed", (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);
    }

    [Theory]
    [InlineData("Rename")]
    [InlineData("Primary")]
    [InlineData("Remove")]
    public async Task Another_users_factor_or_an_unknown_id_is_not_found_and_nothing_changes(string handler)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var alice = host.NewBrowser();
        using var bob = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);
        var bobsFactor = (await SecurityFlows.FactorsAsync(host, "bob")).Single();
        var alicesFactor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        foreach (var id in new[] { bobsFactor.Id, "no-such-factor", new string('9', 5000) })
        {
            var response = await SecurityFlows.PostAsync(alice, handler, ("factorId", id), ("name", "Mine now"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("does not exist, or is not yours", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(SecurityFlows.Summary(bobsFactor), SecurityFlows.Summary((await SecurityFlows.FactorsAsync(host, "bob")).Single()));
        Assert.Equal(SecurityFlows.Summary(alicesFactor), SecurityFlows.Summary((await SecurityFlows.FactorsAsync(host, "alice")).Single()));
        Assert.NotNull(bob.Cookie(SecurityFlows.SessionCookie));
    }
}
