using System.Text.Json.Nodes;
using MfaGateway.Tests.Configuration;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Administration;

/// <summary>
/// Relative paths in a config file mean "beside the file", for the server and for the command line
/// run from any working directory, so both act on the same database and data files.
/// </summary>
public sealed class ConfigRelativePathsTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("mfa-gateway-cwd-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_elsewhere, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup rather than failing the test.
        }
    }

    [Fact]
    public async Task A_relative_data_directory_is_beside_the_config_file_for_the_server_and_the_cli()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => config["Gateway"]!["DataDirectory"] = "data");
        await BankFlows.SignInAndEnrolAsync(host, host.NewBrowser(), DemoUsers.Alice);
        Assert.True(File.Exists(host.DatabasePath), $"the server's database is not at {host.DatabasePath}");

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(_elsewhere, "user", "status", "bank", "alice", "--config", host.ConfigPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Equal(1, JsonNode.Parse(stdout)!["factor_count"]!.GetValue<int>());
        Assert.False(Directory.Exists(Path.Combine(_elsewhere, "data")), "the CLI made a data directory in its working directory");
    }

    [Fact]
    public async Task Relative_block_list_and_geoip_paths_are_beside_the_config_file()
    {
        var configDirectory = Directory.CreateDirectory(Path.Combine(_elsewhere, "etc")).FullName;
        Directory.CreateDirectory(Path.Combine(configDirectory, "lists"));
        Directory.CreateDirectory(Path.Combine(configDirectory, "geo"));
        await File.WriteAllTextAsync(Path.Combine(configDirectory, "lists", "local.netset"), "203.0.113.0/24\n");
        File.Copy(Risk.GeoTestData.CityDatabase, Path.Combine(configDirectory, "geo", "City.mmdb"));
        var configPath = Path.Combine(configDirectory, "gateway.json");
        await File.WriteAllTextAsync(configPath, TestConfiguration.Valid.With(
            "\"DataDirectory\": \"data\",",
            """
            "DataDirectory": "data",
            "GeoIp": { "CityDatabase": "geo/City.mmdb" },
            "IpReputation": { "BlockLists": [ { "Name": "local", "Path": "lists/local.netset" } ] },
            """));
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_elsewhere, "somewhere-else")).FullName;

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(workingDirectory, "validate", "--config", configPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains($"{configPath}: configuration is valid", stdout, StringComparison.Ordinal);
    }
}
