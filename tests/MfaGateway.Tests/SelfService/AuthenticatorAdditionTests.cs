using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

public sealed class AuthenticatorAdditionTests
{
    [Fact]
    public async Task A_second_authenticator_is_added_after_a_valid_code_and_both_then_pass_challenges()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var first = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        // A fresh session is not enough for another factor: the user confirms with a code first.
        var asked = await SecurityFlows.PostAsync(browser, "Add");
        var askedPage = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Confirm it's you", askedPage);
        Assert.Contains("Code from your authenticator app, or a recovery code", askedPage);
        Assert.DoesNotContain("id=\"secret\"", askedPage);
        Assert.DoesNotContain("data-webauthn", askedPage);
        SecurityFlows.AssertNoInlineScriptOrStyle(askedPage);

        var started = await SecurityFlows.PostFromAsync(browser, askedPage, "Add", ("code", SecurityFlows.ProofCode(host, first)));
        var setupPage = await started.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Contains("Add an authenticator app", setupPage);
        Assert.Contains("src=\"data:image/png;base64,", setupPage);
        SecurityFlows.AssertNoInlineScriptOrStyle(setupPage);
        var second = TotpSecrets.Decode(HtmlPage.TextOf(setupPage, "secret")!);
        var setupId = HtmlPage.HiddenFields(setupPage).Single(f => f.Key == "setupId").Value;

        // A wrong code shows the same key again and stores nothing.
        var wrong = await SecurityFlows.PostFromAsync(browser, setupPage, "Confirm", ("setupId", setupId), ("code", BankFlows.WrongCodeFor(second, host.Time.GetUtcNow())), ("name", "Work phone"));
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("That code is not correct.", wrongPage);
        Assert.Equal(second, TotpSecrets.Decode(HtmlPage.TextOf(wrongPage, "secret")!));
        Assert.Contains("value=\"Work phone\"", wrongPage);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));

        var added = await SecurityFlows.PostFromAsync(browser, wrongPage, "Confirm", ("setupId", setupId), ("code", BankFlows.CodeAt(second, host.Time.GetUtcNow())), ("name", "Work phone"));
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var (_, html) = await browser.FollowAsync(added);
        Assert.Contains("The authenticator app was added.", html);
        Assert.Contains("Work phone", html);
        var factors = await SecurityFlows.FactorsAsync(host, "alice");
        Assert.Equal(["Authenticator app", "Work phone"], factors.Select(f => f.Name));
        Assert.True(factors[0].IsPrimary);

        // The set-up is single use.
        var again = await SecurityFlows.PostAsync(browser, "Confirm", ("setupId", setupId), ("code", BankFlows.CodeAt(second, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("expired or was already completed", await again.Content.ReadAsStringAsync());
        Assert.Equal(2, (await SecurityFlows.FactorsAsync(host, "alice")).Count);

        host.Time.AdvanceToNextTimeStep();
        Assert.True(await SecurityFlows.SignsInWithAsync(host, first, DemoUsers.Alice));
        host.Time.AdvanceToNextTimeStep();
        Assert.True(await SecurityFlows.SignsInWithAsync(host, second, DemoUsers.Alice));
    }

    [Fact]
    public async Task Making_the_second_authenticator_primary_and_removing_the_first_keeps_mfa_on()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var first = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var second = await SecurityFlows.AddAuthenticatorAsync(host, browser, first);
        var (original, added) = await FactorIdsAsync(host);

        var primary = await SecurityFlows.PostAsync(browser, "Primary", ("factorId", added));
        Assert.Equal(HttpStatusCode.SeeOther, primary.StatusCode);
        var afterPrimary = await SecurityFlows.FactorsAsync(host, "alice");
        Assert.True(afterPrimary.Single(f => f.Id == added).IsPrimary);
        Assert.False(afterPrimary.Single(f => f.Id == original).IsPrimary);

        var removed = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", original));
        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Equal(added, (await SecurityFlows.FactorsAsync(host, "alice")).Single().Id);
        Assert.NotNull(browser.Cookie(SecurityFlows.SessionCookie));
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));

        host.Time.AdvanceToNextTimeStep();
        Assert.False(await SecurityFlows.SignsInWithAsync(host, first, DemoUsers.Alice));
        host.Time.AdvanceToNextTimeStep();
        Assert.True(await SecurityFlows.SignsInWithAsync(host, second, DemoUsers.Alice));
    }

    [Fact]
    public async Task An_optional_user_without_a_factor_can_turn_mfa_on_from_the_page()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => config["Gateway"]!["DefaultPolicy"] = "optional");
        using var browser = host.NewBrowser();
        var (dashboard, _) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        var (page, html) = await SecurityFlows.OpenAsync(browser);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("is <strong>off</strong>", html);
        Assert.DoesNotContain("handler=TurnOff", html);

        var started = await SecurityFlows.PostFromAsync(browser, html, "Add");
        var setupPage = await started.Content.ReadAsStringAsync();
        Assert.Contains("Turn on two-step verification", setupPage);
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(setupPage, "secret")!);
        var setupId = HtmlPage.HiddenFields(setupPage).Single(f => f.Key == "setupId").Value;
        var done = await SecurityFlows.PostFromAsync(browser, setupPage, "Confirm", ("setupId", setupId), ("code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        var codesPage = await done.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Two-step verification is on.", codesPage);
        Assert.Equal(10, BankFlows.RecoveryCodes(codesPage).Count);
        Assert.Contains("/.mfa/assets/copy.js", codesPage);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "carol"));

        // The session now records that MFA, so the app stays reachable; a new sign-in is challenged.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        using var next = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(next, DemoUsers.Carol.Name, DemoUsers.Carol.Password);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
    }

    private static async Task<(string Original, string Added)> FactorIdsAsync(GatewayTestHost host)
    {
        // Listed primary first: the original factor is still the primary one here.
        var factors = await SecurityFlows.FactorsAsync(host, "alice");
        return (factors.Single(f => f.IsPrimary).Id, factors.Single(f => !f.IsPrimary).Id);
    }
}
