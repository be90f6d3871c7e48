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

        var locked = await AdminFlows.WrongCodesAsync(admin.Host, DemoUsers.Alice, 3, secret);
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

    [Fact]
    public async Task Unlock_also_lifts_the_bans_of_the_addresses_the_user_tried_codes_from()
    {
        await using var admin = await AdminApiHost.StartAsync(config => config["Gateway"]!["Regulation"] = new JsonObject
        {
            ["User"] = new JsonObject { ["MaxFailures"] = 0 },
            ["Client"] = new JsonObject { ["MaxFailures"] = 3, ["Window"] = "15m", ["BanTime"] = "15m" },
        });
        using var enrolment = admin.Host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(admin.Host, enrolment, DemoUsers.Alice);
        admin.Host.Time.AdvanceToNextTimeStep();

        var banned = await AdminFlows.WrongCodesAsync(admin.Host, DemoUsers.Alice, 3, secret);
        Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);

        var result = await admin.ActAsync("unlock", "alice");

        using var browser = admin.Host.NewBrowser();
        var (page, body) = await BankFlows.SignInWithCodeAsync(admin.Host, browser, DemoUsers.Alice, secret);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Welcome, alice", body);
        var audited = Assert.Single((await admin.AuditAsync("type=admin.unlock")).GetProperty("events").EnumerateArray());
        Assert.Equal("127.0.0.1", audited.GetProperty("detail").GetProperty("client_bans_lifted").GetString());
        Assert.Equal("unlock", result.GetProperty("action").GetString());
    }
}
