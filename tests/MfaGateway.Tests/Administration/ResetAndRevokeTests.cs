using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class ResetAndRevokeTests
{
    [Fact]
    public async Task Reset_removes_factors_codes_and_remembered_devices_and_the_next_sign_in_enrols_again()
    {
        await using var admin = await AdminApiHost.StartAsync(AdminFlows.AllowRememberedDevices);
        using var enrolment = admin.Host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, enrolment, DemoUsers.Alice);
        using var remembered = await AdminFlows.RememberedBrowserAsync(admin.Host, DemoUsers.Alice, enrolled.Secret);

        var result = await admin.ActAsync("reset", "alice", "{\"reason\": \"lost phone\"}");

        Assert.Equal("reset", result.GetProperty("action").GetString());
        Assert.Equal(1, result.GetProperty("factors_removed").GetInt32());
        Assert.Equal(enrolled.RecoveryCodes.Count, result.GetProperty("recovery_codes_removed").GetInt32());
        Assert.Equal(1, result.GetProperty("devices_revoked").GetInt32());
        var status = await admin.StatusAsync("alice");
        Assert.False(status.GetProperty("mfa_enabled").GetBoolean());
        Assert.Equal(0, status.GetProperty("recovery_codes_left").GetInt32());
        Assert.Empty(status.GetProperty("trusted_devices").EnumerateArray());

        // The remembered browser no longer skips MFA, and like any browser it is sent to enrol.
        var login = await BankFlows.SubmitLoginAsync(remembered, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        var (page, _) = await remembered.FollowAsync(login);
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);

        var audited = Assert.Single((await admin.AuditAsync("type=admin.reset_factors")).GetProperty("events").EnumerateArray());
        Assert.Equal("lost phone", audited.GetProperty("detail").GetProperty("reason").GetString());
        Assert.Equal("1", audited.GetProperty("detail").GetProperty("factors").GetString());
    }

    [Theory]
    [InlineData("revoke-devices", "revoke_devices", "admin.revoke_devices")]
    [InlineData("password-changed", "password_changed", "admin.password_changed")]
    public async Task Revoking_devices_makes_a_remembered_browser_answer_a_challenge_again(string path, string action, string auditType)
    {
        await using var admin = await AdminApiHost.StartAsync(AdminFlows.AllowRememberedDevices);
        using var enrolment = admin.Host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, enrolment, DemoUsers.Alice);
        using var remembered = await AdminFlows.RememberedBrowserAsync(admin.Host, DemoUsers.Alice, enrolled.Secret);
        Assert.Equal("/", await AdminFlows.SignInDestinationAsync(remembered, DemoUsers.Alice));

        var result = await admin.ActAsync(path, "alice");

        Assert.Equal(action, result.GetProperty("action").GetString());
        Assert.Equal(1, result.GetProperty("devices_revoked").GetInt32());
        Assert.Empty(result.GetProperty("user").GetProperty("trusted_devices").EnumerateArray());
        Assert.Equal(1, result.GetProperty("user").GetProperty("factor_count").GetInt32());
        Assert.Equal("/.mfa/challenge", await AdminFlows.SignInDestinationAsync(remembered, DemoUsers.Alice));

        var audited = Assert.Single((await admin.AuditAsync($"type={auditType}")).GetProperty("events").EnumerateArray());
        Assert.Equal("1", audited.GetProperty("detail").GetProperty("devices").GetString());
        Assert.Equal(AdminApiHost.KeyName, audited.GetProperty("detail").GetProperty("admin").GetString());
    }
}
