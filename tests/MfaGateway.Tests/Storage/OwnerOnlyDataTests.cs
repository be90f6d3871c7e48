using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Storage;

/// <summary>The database (with its WAL files) and the key ring are the gateway account's alone.</summary>
public sealed class OwnerOnlyDataTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;
    private const UnixFileMode Loose = OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task A_fresh_data_directory_has_only_owner_readable_files_and_folders()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var host = await GatewayTestHost.StartAsync();
        await BankFlows.SignInAndEnrolAsync(host, host.NewBrowser(), DemoUsers.Alice);

        var data = Path.Combine(host.Directory, "data");
        AssertOwnerOnly(data);
    }

    [Fact]
    public async Task Files_left_readable_by_others_are_tightened_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var host = await GatewayTestHost.StartAsync();
        await BankFlows.SignInAndEnrolAsync(host, host.NewBrowser(), DemoUsers.Alice);
        var data = Path.Combine(host.Directory, "data");
        var keys = Path.Combine(data, "keys");
        File.SetUnixFileMode(keys, OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var file in Directory.EnumerateFiles(keys).Append(host.DatabasePath))
        {
            File.SetUnixFileMode(file, Loose);
        }

        await host.RestartGatewayAsync();
        await BankFlows.SubmitLoginAsync(host.NewBrowser(), DemoUsers.Bob.Name, DemoUsers.Bob.Password);

        AssertOwnerOnly(data);
        Assert.Contains(host.Logs.Lines, line => line.Message.Contains("is now owner only", StringComparison.Ordinal));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(string data)
    {
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(data));
        var keys = Path.Combine(data, "keys");
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(keys));
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
        }

        foreach (var name in new[] { "gateway.db", "gateway.db-wal", "gateway.db-shm" })
        {
            var path = Path.Combine(data, name);
            Assert.True(File.Exists(path), name);
            Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
        }
    }
}
