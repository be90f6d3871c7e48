using System.Net;
using System.Text.RegularExpressions;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Lifecycle;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task Sign_in_step_up_and_recovery_leave_the_expected_events_in_order_and_no_secret_anywhere()
    {
        // Trace level: every log line the gateway, YARP and ASP.NET Core write is checked for secrets.
        await using var host = await GatewayTestHost.StartAsync((config, _) => config["Logging"]!["LogLevel"]!["Default"] = "Trace");
        var usedCodes = new List<string>();

        // 1. Sign in and enrol.
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        usedCodes.Add(BankFlows.CodeAt(enrolled.Secret, host.Time.GetUtcNow()));

        // 2. A step-up for a transfer, with one wrong code first.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var (_, form) = await browser.GetPageAsync("/transfer");
        var (_, challenge) = await browser.FollowAsync(await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "1.00")));
        var wrong = BankFlows.CodeAt(enrolled.Secret, host.Time.GetUtcNow(), stepOffset: 7);
        var failed = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", wrong));
        var right = BankFlows.CodeAt(enrolled.Secret, host.Time.GetUtcNow());
        var passed = await browser.SubmitAsync("/.mfa/challenge", await failed.Content.ReadAsStringAsync(), ("Code", right));
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode); // the form re-submission page
        usedCodes.AddRange([wrong, right]);

        // 3. Another browser, phone lost: a recovery code.
        using var other = host.NewBrowser();
        await other.FollowAsync(await BankFlows.SubmitLoginAsync(other, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var (_, recoveryPage) = await other.GetPageAsync("/.mfa/challenge?method=recovery");
        var recovered = await other.SubmitAsync("/.mfa/challenge", recoveryPage, ("Code", enrolled.RecoveryCodes[0]));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);

        var events = (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(User: "alice", PageSize: 500), default)).Events.Reverse().ToList();
        Assert.Equal(
            [
                AuditEventTypes.ChallengeIssued, AuditEventTypes.FactorEnrolled, AuditEventTypes.ChallengePassed, AuditEventTypes.RecoveryCodesGenerated,
                AuditEventTypes.ChallengeIssued, AuditEventTypes.ChallengeFailed, AuditEventTypes.ChallengePassed,
                AuditEventTypes.ChallengeIssued, AuditEventTypes.ChallengePassed, AuditEventTypes.RecoveryCodeUsed,
            ],
            events.Select(e => e.Type));
        Assert.Equal("StepUp", events[4].Detail["purpose"]);
        Assert.Equal(AuditOutcomes.Failure, events[5].Outcome);
        Assert.Equal("totp", events[5].Detail["factor"]);
        Assert.Equal("recovery", events[8].Detail["factor"]);
        Assert.Equal("9", events[9].Detail["remaining"]);
        Assert.All(events, e =>
        {
            Assert.Equal("bank", e.Realm);
            Assert.Equal("127.0.0.1", e.ClientIp);
            Assert.False(string.IsNullOrEmpty(e.UserAgent));
        });

        // Nothing secret in any event or any log line.
        var secrets = new List<string> { TotpSecrets.Encode(enrolled.Secret), Convert.ToBase64String(enrolled.Secret) };
        secrets.AddRange(enrolled.RecoveryCodes);
        secrets.AddRange(enrolled.RecoveryCodes.Select(c => c.Replace("-", string.Empty, StringComparison.Ordinal)));
        var texts = events.Select(e => $"{e.Type} {e.Outcome} {e.UserAgent} {string.Join(' ', e.Detail.Select(d => d.Key + "=" + d.Value))}")
            .Concat(host.Logs.Lines.Select(l => l.Message))
            .ToList();
        Assert.True(host.Logs.Lines.Count > 50, "trace logging should have produced plenty of lines to check");
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }

            foreach (var code in usedCodes)
            {
                Assert.False(Regex.IsMatch(text, $@"\b{code}\b"), $"code {code} appears in: {text}");
            }
        }
    }
}
