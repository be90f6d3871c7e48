using System.Text.Json;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;

namespace MfaGateway.Tests.Devices;

/// <summary>`user devices` and `user forget-device`, run as an operator runs them beside a running gateway.</summary>
public sealed class DeviceCommandLineTests
{
    [Fact]
    public async Task The_command_line_lists_devices_and_a_device_it_forgets_is_challenged_at_once_by_the_running_gateway()
    {
        await using var host = await DeviceFlows.StartRiskBasedAsync();
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;
        using var phone = await DeviceFlows.RecognisedPhoneAsync(host, secret);

        var listed = await GatewayExecutable.RunAsync(host.Directory, "user", "devices", "bank", "alice", "--config", host.ConfigPath);
        Assert.True(listed.ExitCode == 0, $"exit code {listed.ExitCode}\n{listed.Stdout}\n{listed.Stderr}");
        var list = JsonDocument.Parse(listed.Stdout).RootElement;
        Assert.Equal(2, list.GetProperty("devices").GetArrayLength());

        var forgotten = await GatewayExecutable.RunAsync(host.Directory,
            "user", "forget-device", "bank", "alice", DeviceFlows.IdOf(list, "Firefox on Linux"), "--reason", "stolen laptop", "--config", host.ConfigPath);
        Assert.True(forgotten.ExitCode == 0, $"exit code {forgotten.ExitCode}\n{forgotten.Stdout}\n{forgotten.Stderr}");
        Assert.Equal(1, JsonDocument.Parse(forgotten.Stdout).RootElement.GetProperty("devices_forgotten").GetInt32());

        await DeviceFlows.AssertChallengedAsNewDeviceAsync(laptop);
        await RiskFlows.SignInUnchallengedAsync(phone, DemoUsers.Alice);
    }

    [Fact]
    public async Task Forget_device_exits_6_for_a_device_the_user_does_not_have_3_for_an_unknown_user_and_1_for_a_malformed_id()
    {
        await using var host = await DeviceFlows.StartRiskBasedAsync();
        var (laptop, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;

        var noDevice = await GatewayExecutable.RunAsync(host.Directory, "user", "forget-device", "bank", "alice", "AAAAAAAAAAAAAAAAAAAAAA", "--config", host.ConfigPath);
        var noUser = await GatewayExecutable.RunAsync(host.Directory, "user", "forget-device", "bank", "nobody", "AAAAAAAAAAAAAAAAAAAAAA", "--config", host.ConfigPath);
        var malformed = await GatewayExecutable.RunAsync(host.Directory, "user", "forget-device", "bank", "alice", "not a device id", "--config", host.ConfigPath);

        Assert.True(noDevice.ExitCode == 6, $"exit code {noDevice.ExitCode}\n{noDevice.Stderr}");
        Assert.Contains("has no device 'AAAAAAAAAAAAAAAAAAAAAA'", noDevice.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, noDevice.Stdout.Trim());
        Assert.Equal(3, noUser.ExitCode);
        Assert.Equal(1, malformed.ExitCode);
        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice);
    }
}
