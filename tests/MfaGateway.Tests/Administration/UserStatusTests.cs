using System.Text.Json;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class UserStatusTests
{
    [Fact]
    public async Task Status_after_enrolment_shows_the_factor_the_recovery_codes_and_the_remembered_device()
    {
        await using var admin = await AdminApiHost.StartAsync(AdminFlows.AllowRememberedDevices);
        using var enrolment = admin.Host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, enrolment, DemoUsers.Alice);
        using var remembered = await AdminFlows.RememberedBrowserAsync(admin.Host, DemoUsers.Alice, enrolled.Secret);
        var rememberedAt = admin.Host.Time.GetUtcNow();

        var status = await admin.StatusAsync("alice");

        Assert.Equal("bank", status.GetProperty("realm").GetString());
        Assert.Equal("alice", status.GetProperty("user").GetString());
        Assert.True(status.GetProperty("mfa_enabled").GetBoolean());
        Assert.Equal(1, status.GetProperty("factor_count").GetInt32());
        Assert.Equal(["totp"], status.GetProperty("factor_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(enrolled.RecoveryCodes.Count, status.GetProperty("recovery_codes_left").GetInt32());
        Assert.Equal(0, status.GetProperty("consecutive_failures").GetInt32());
        Assert.False(status.GetProperty("locked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("banned_until").ValueKind);
        Assert.False(status.GetProperty("mfa_required").GetBoolean());

        var device = Assert.Single(status.GetProperty("trusted_devices").EnumerateArray());
        Assert.Equal("Firefox on Linux", device.GetProperty("browser").GetString());
        Assert.Equal("127.0.0.1", device.GetProperty("last_ip").GetString());
        Assert.False(string.IsNullOrEmpty(device.GetProperty("id").GetString()));
        Assert.Equal(rememberedAt, device.GetProperty("first_seen").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(rememberedAt.AddDays(30), device.GetProperty("expires_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Status_of_a_user_without_factors_shows_mfa_disabled()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using var browser = admin.Host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Bob.Name, DemoUsers.Bob.Password));

        var status = await admin.StatusAsync("bob");

        Assert.False(status.GetProperty("mfa_enabled").GetBoolean());
        Assert.Equal(0, status.GetProperty("factor_count").GetInt32());
        Assert.Empty(status.GetProperty("factor_types").EnumerateArray());
        Assert.Equal(0, status.GetProperty("recovery_codes_left").GetInt32());
        Assert.Empty(status.GetProperty("trusted_devices").EnumerateArray());
    }

    [Fact]
    public async Task Realm_and_user_are_found_whatever_their_case_and_the_read_is_audited_with_the_key_name()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using var browser = admin.Host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);

        var status = await admin.StatusAsync("ALICE", realm: "Bank");

        Assert.Equal("alice", status.GetProperty("user").GetString());
        Assert.Equal("bank", status.GetProperty("realm").GetString());
        var read = Assert.Single((await admin.AuditAsync("type=admin.user_status")).GetProperty("events").EnumerateArray());
        Assert.Equal("alice", read.GetProperty("user").GetString());
        Assert.Equal("bank", read.GetProperty("realm").GetString());
        Assert.Equal("success", read.GetProperty("outcome").GetString());
        Assert.Equal("127.0.0.1", read.GetProperty("client_ip").GetString());
        Assert.Equal(AdminApiHost.KeyName, read.GetProperty("detail").GetProperty("admin").GetString());
        Assert.Equal(admin.Host.Time.GetUtcNow(), read.GetProperty("at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }
}
