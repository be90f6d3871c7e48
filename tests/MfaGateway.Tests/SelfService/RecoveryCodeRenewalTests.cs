using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

public sealed class RecoveryCodeRenewalTests
{
    [Fact]
    public async Task New_codes_are_shown_once_and_the_old_set_stops_working()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => config["Gateway"]!["Policies"]!["signin"]!["RecoveryCodes"] = 6);
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        var renewed = await SecurityFlows.PostAsync(browser, "RecoveryCodes", ("code", SecurityFlows.ProofCode(host, enrolled.Secret)));
        var html = await renewed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Contains("Your old codes no longer work.", html);
        var codes = BankFlows.RecoveryCodes(html);
        Assert.Equal(6, codes.Count);
        Assert.Empty(codes.Intersect(enrolled.RecoveryCodes));
        Assert.Contains("data-copy=\"recovery-codes\"", html);
        Assert.Contains("id=\"copy-status\"", html);
        Assert.Contains("download=\"recovery-codes.txt\"", html);
        Assert.Contains("/.mfa/assets/copy.js", html);
        SecurityFlows.AssertNoInlineScriptOrStyle(html);

        // Shown once: the page lists only how many are left.
        var (_, overview) = await SecurityFlows.OpenAsync(browser);
        Assert.Empty(BankFlows.RecoveryCodes(overview));
        Assert.Contains("You have 6 recovery codes left.", overview);

        using (var oldCode = host.NewBrowser())
        {
            var refused = await SecurityFlows.SignInWithRecoveryCodeAsync(oldCode, DemoUsers.Alice, enrolled.RecoveryCodes[0]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("That code is not correct", await refused.Content.ReadAsStringAsync());
        }

        using var newCode = host.NewBrowser();
        var passed = await SecurityFlows.SignInWithRecoveryCodeAsync(newCode, DemoUsers.Alice, codes[0]);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Contains("You have 5 recovery codes left.", await passed.Content.ReadAsStringAsync());
        Assert.NotNull(newCode.Cookie(SecurityFlows.SessionCookie));
    }

    /// <summary>
    /// The hole this closes: a session fresh from MFA (a browser left unlocked a minute) took new codes,
    /// then used one to turn MFA off, so "a code, not just a fresh session" held for nothing.
    /// </summary>
    [Fact]
    public async Task A_fresh_session_alone_gets_no_new_codes_so_it_cannot_turn_mfa_off_with_one()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        // Seconds after the MFA: as fresh as a session gets.
        var asked = await SecurityFlows.PostAsync(browser, "RecoveryCodes");
        var askedPage = await asked.Content.ReadAsStringAsync();
        var guessed = await SecurityFlows.PostFromAsync(browser, askedPage, "RecoveryCodes", ("code", BankFlows.WrongCodeFor(enrolled.Secret, host.Time.GetUtcNow())));
        var byJson = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/recovery-codes");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Confirm it's you", askedPage);
        Assert.Empty(BankFlows.RecoveryCodes(askedPage));
        Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        Assert.Empty(BankFlows.RecoveryCodes(await guessed.Content.ReadAsStringAsync()));
        Assert.Equal(1, (await SecurityFlows.UserAsync(host, "alice")).ConsecutiveFailures);
        Assert.Equal(HttpStatusCode.Forbidden, byJson.StatusCode);
        Assert.False((await SecurityFlows.JsonOf(byJson)).TryGetProperty("recovery_codes", out _));
        var turnOff = await SecurityFlows.PostAsync(browser, "TurnOff");

        // With no code to show, the turn-off step asks for one, and the old codes all still work.
        Assert.Equal(HttpStatusCode.OK, turnOff.StatusCode);
        Assert.Contains("Confirm it's you", await turnOff.Content.ReadAsStringAsync());
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));
        using var old = host.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await SecurityFlows.SignInWithRecoveryCodeAsync(old, DemoUsers.Alice, enrolled.RecoveryCodes[9])).StatusCode);
    }

    [Fact]
    public async Task Two_or_fewer_codes_left_are_shown_as_a_warning()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => config["Gateway"]!["Policies"]!["signin"]!["RecoveryCodes"] = 3);
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        var (_, three) = await SecurityFlows.OpenAsync(browser);
        Assert.Contains("You have 3 recovery codes left.", three);
        Assert.DoesNotContain("role=\"alert\"", three);

        using var other = host.NewBrowser();
        await SecurityFlows.SignInWithRecoveryCodeAsync(other, DemoUsers.Alice, enrolled.RecoveryCodes[0]);
        var (_, two) = await SecurityFlows.OpenAsync(browser);

        Assert.Contains("<p class=\"warning\" role=\"alert\">You have 2 recovery codes left.", two);
    }
}
