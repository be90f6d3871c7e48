using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class UnlockTests
{
    [Fact]
    public async Task Unlock_lets_a_locked_user_pass_a_challenge_again()
    {
        await using var admin = await AdminApiHost.StartAsync(config =>
            config["Gateway"]!["Challenge"] = new JsonObject { ["MaxFailures"] = 5, ["MaxConsecutiveUserFailures"] = 3 });
        using var enrolment = admin.Host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(admin.Host, enrolment, DemoUsers.Alice);
        admin.Host.Time.AdvanceToNextTimeStep();

        var locked = await AdminFlows.WrongCodesAsync(admin.Host, DemoUsers.Alice, 3);
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        var status = await admin.StatusAsync("alice");
        Assert.True(status.GetProperty("locked").GetBoolean());
        Assert.Equal(3, status.GetProperty("consecutive_failures").GetInt32());

        var result = await admin.ActAsync("unlock", "alice");

        Assert.False(result.GetProperty("user").GetProperty("locked").GetBoolean());
        Assert.Equal(0, result.GetProperty("user").GetProperty("consecutive_failures").GetInt32());
        using var browser = admin.Host.NewBrowser();
        var (page, body) = await BankFlows.SignInWithCodeAsync(admin.Host, browser, DemoUsers.Alice, secret);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Welcome, alice", body);
        var audited = Assert.Single((await admin.AuditAsync("type=admin.unlock")).GetProperty("events").EnumerateArray());
        Assert.Equal("3", audited.GetProperty("detail").GetProperty("consecutive_failures").GetString());
    }
}
