using System.Net;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.SelfService;

public sealed class TurnOffTests
{
    [Fact]
    public async Task Turning_off_refuses_a_wrong_code_and_counts_it_then_accepts_a_recovery_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        // A fresh MFA is not what turning off asks for: a code is, so a stale session may do it.
        host.Time.Advance(TimeSpan.FromMinutes(30));
        var wrong = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", BankFlows.WrongCodeFor(enrolled.Secret, host.Time.GetUtcNow())));
        var empty = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", " "));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("That code is not correct. Nothing was changed.", await wrong.Content.ReadAsStringAsync());
        // Without a code the page asks for one (or the passkey): a confirmation step, not a failure.
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Confirm it's you", await empty.Content.ReadAsStringAsync());
        Assert.Equal(1, (await SecurityFlows.UserAsync(host, "alice")).ConsecutiveFailures);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));

        var off = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", enrolled.RecoveryCodes[2].ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Contains("Two-step verification is off", await off.Content.ReadAsStringAsync());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(0, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));
        Assert.Equal(0, (await SecurityFlows.UserAsync(host, "alice")).ConsecutiveFailures);
        Assert.Null(browser.Cookie(SecurityFlows.SessionCookie));
        var audit = await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(User: "alice", Types: [AuditEventTypes.MfaDisabled]), default);
        var disabled = Assert.Single(audit.Events);
        Assert.Equal("recovery", disabled.Detail["factor"]);

        // Every session ended: the app session must sign in again (the password, not the surviving
        // app session, lets someone enrol a new authenticator); then, required by the policy, enrolment.
        var next = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/login", next.Headers.Location!.OriginalString);
        var (page, _) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Wrong_codes_to_turn_off_ban_the_user_like_challenge_failures_do()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Regulation"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "User": { "MaxFailures": 3, "Window": "15m", "BanTime": "10m" } }"""));
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var wrongCode = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow());

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SecurityFlows.PostAsync(browser, "TurnOff", ("code", wrongCode))).StatusCode);
        }

        var banned = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", wrongCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);
        Assert.NotNull(banned.Headers.RetryAfter);

        // While banned even the right code is refused, here and at a challenge.
        host.Time.AdvanceToNextTimeStep();
        var right = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.False(await SecurityFlows.SignsInWithAsync(host, secret, DemoUsers.Alice));

        host.Time.Advance(TimeSpan.FromMinutes(11));
        host.Time.AdvanceToNextTimeStep();
        var off = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));
    }
}
