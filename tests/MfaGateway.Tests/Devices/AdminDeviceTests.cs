using System.Net;
using System.Text;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;

namespace MfaGateway.Tests.Devices;

/// <summary>The admin API lists a user's devices and forgets them; a forgotten browser is asked for a code under RiskBased.</summary>
public sealed class AdminDeviceTests
{
    private const string Devices = $"{AdminApiHost.Api}/users/bank/alice/devices";

    [Fact]
    public async Task The_admin_api_lists_the_users_devices_and_a_device_it_forgets_is_challenged_at_its_next_sign_in()
    {
        var key = AdminKeys.NewKey();
        await using var host = await DeviceFlows.StartRiskBasedAsync(key);
        using var admin = DeviceFlows.AdminClient(host, key);
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;
        using var phone = await DeviceFlows.RecognisedPhoneAsync(host, secret);

        var listed = await DeviceFlows.AdminDevicesAsync(admin);
        Assert.Equal("alice", listed.GetProperty("user").GetString());
        var devices = listed.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(["Chrome on Android", "Firefox on Linux"], devices.Select(d => d.GetProperty("browser").GetString())); // most recently seen first
        foreach (var device in devices)
        {
            Assert.True(device.GetProperty("recognised").GetBoolean());
            Assert.False(device.GetProperty("remembered").GetBoolean());
            Assert.Equal("Lisbon, Portugal", device.GetProperty("last_place").GetString());
            Assert.Equal(GeoTestData.Lisbon, device.GetProperty("last_ip").GetString());
        }

        var forgotten = await AdminApiHost.ReadAsync(
            await admin.DeleteAsync($"{Devices}/{DeviceFlows.IdOf(listed, "Firefox on Linux")}"),
            HttpStatusCode.OK);
        Assert.Equal("forget_device", forgotten.GetProperty("action").GetString());
        Assert.Equal(1, forgotten.GetProperty("known_devices_forgotten").GetInt32());
        Assert.Equal("Chrome on Android", Assert.Single(forgotten.GetProperty("devices").EnumerateArray()).GetProperty("browser").GetString());

        await DeviceFlows.AssertChallengedAsNewDeviceAsync(laptop);
        await RiskFlows.SignInUnchallengedAsync(phone, DemoUsers.Alice);
        var audited = Assert.Single((await AdminApiHost.ReadAsync(await admin.GetAsync($"{AdminApiHost.Api}/audit?type=admin.forget_device"), HttpStatusCode.OK)).GetProperty("events").EnumerateArray());
        Assert.Equal(AdminApiHost.KeyName, audited.GetProperty("detail").GetProperty("admin").GetString());
    }

    [Fact]
    public async Task Revoking_devices_also_forgets_recognised_browsers()
    {
        var key = AdminKeys.NewKey();
        await using var host = await DeviceFlows.StartRiskBasedAsync(key);
        using var admin = DeviceFlows.AdminClient(host, key);
        var (laptop, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;

        var revoked = await admin.PostAsync($"{AdminApiHost.Api}/users/bank/alice/revoke-devices", null);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(laptop);
        Assert.Equal(1, (await AdminApiHost.ReadAsync(revoked, HttpStatusCode.OK)).GetProperty("devices_forgotten").GetInt32());
    }

    [Fact]
    public async Task Forgetting_all_devices_challenges_every_browser_again()
    {
        var key = AdminKeys.NewKey();
        await using var host = await DeviceFlows.StartRiskBasedAsync(key);
        using var admin = DeviceFlows.AdminClient(host, key);
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;
        using var phone = await DeviceFlows.RecognisedPhoneAsync(host, secret);

        using var reason = new StringContent("{\"reason\": \"lost laptop\"}", Encoding.UTF8, "application/json");
        var forgotten = await AdminApiHost.ReadAsync(await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Devices) { Content = reason }), HttpStatusCode.OK);
        Assert.Equal(2, forgotten.GetProperty("devices_forgotten").GetInt32());
        Assert.Empty(forgotten.GetProperty("devices").EnumerateArray());
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(laptop);
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(phone);
    }

    [Fact]
    public async Task Unknown_and_malformed_devices_and_users_get_clear_errors_and_change_nothing()
    {
        var key = AdminKeys.NewKey();
        await using var host = await DeviceFlows.StartRiskBasedAsync(key);
        using var admin = DeviceFlows.AdminClient(host, key);
        var (laptop, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;

        var unknownDevice = await AdminApiHost.ReadAsync(await admin.DeleteAsync($"{Devices}/AAAAAAAAAAAAAAAAAAAAAA"), HttpStatusCode.NotFound);
        Assert.Equal(ErrorCodes.DeviceNotFound, unknownDevice.GetProperty("error").GetString());
        foreach (var malformed in new[] { new string('a', 65), "a%20b", "a.b", "%C3%A9" })
        {
            var refused = await AdminApiHost.ReadAsync(await admin.DeleteAsync($"{Devices}/{malformed}"), HttpStatusCode.BadRequest);
            Assert.Equal(ErrorCodes.InvalidRequest, refused.GetProperty("error").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync($"{Devices}/%00")).StatusCode); // Kestrel's own refusal

        using var text = new StringContent("because", Encoding.UTF8, "text/plain");
        await AdminApiHost.ReadAsync(await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Devices) { Content = text }), HttpStatusCode.UnsupportedMediaType);
        var unknownUser = await AdminApiHost.ReadAsync(await admin.GetAsync($"{AdminApiHost.Api}/users/bank/nobody/devices"), HttpStatusCode.NotFound);
        Assert.Equal(ErrorCodes.UserNotFound, unknownUser.GetProperty("error").GetString());

        Assert.Single((await DeviceFlows.AdminDevicesAsync(admin)).GetProperty("devices").EnumerateArray());
        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice);
    }
}
