using MfaGateway.Configuration;
using MfaGateway.Hosting;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Configuration;
using MfaGateway.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// The database is prepared by an explicit start-up step before the gateway listens; a database it
/// cannot use is listed like a config error under Gateway:DataDirectory, and the process exits 2.
/// </summary>
public sealed class DatabaseStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-gateway-dbstart-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher of a host that failed to start may still hold the directory; the OS cleans temp.
        }
    }

    [Fact]
    public async Task A_new_data_directory_gets_a_database_with_every_migration_before_the_gateway_listens()
    {
        var data = Path.Combine(_directory, "data");

        await using var app = Build(WriteConfig(data));

        // Built, not started: the schema is there already.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "gateway.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal(SqliteDatabase.SchemaVersion, Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_is_a_config_error()
    {
        var file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "not a directory");

        var error = StartUpError(WriteConfig(Path.Combine(file, "data")));

        Assert.Equal(DatabaseStartup.ConfigKey, error.Key);
        Assert.Equal(ConfigSeverity.Error, error.Severity);
    }

    [Fact]
    public void A_corrupt_database_file_is_a_config_error_and_is_left_as_it_was()
    {
        var data = Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName;
        var database = Path.Combine(data, "gateway.db");
        var garbage = new byte[8192];
        Random.Shared.NextBytes(garbage);
        File.WriteAllBytes(database, garbage);

        var error = StartUpError(WriteConfig(data));

        Assert.Equal(DatabaseStartup.ConfigKey, error.Key);
        Assert.Contains("not a database", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(database));
    }

    [Fact]
    public void A_database_from_a_newer_version_is_a_config_error_and_is_not_touched()
    {
        var data = Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName;
        var database = Path.Combine(data, "gateway.db");
        using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteDatabase.SchemaVersion + 1};";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(database);

        var error = StartUpError(WriteConfig(data));

        Assert.Equal(DatabaseStartup.ConfigKey, error.Key);
        Assert.Contains($"schema version {SqliteDatabase.SchemaVersion + 1}, written by a newer gateway", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(database));
        Assert.False(File.Exists(database + "-wal"), "the older gateway switched the newer database to WAL");
    }

    [Fact]
    public async Task The_gateway_process_with_an_unusable_database_exits_with_code_2_and_lists_it()
    {
        var data = Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "gateway.db"), new string('x', 4096));

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(_directory, "--config", WriteConfig(data), "--urls", "http://127.0.0.1:0");

        Assert.True(exitCode == 2, $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("The gateway configuration has 1 error(s)", stderr, StringComparison.Ordinal);
        Assert.Contains($"{DatabaseStartup.ConfigKey}: the database in '{data}' cannot be used", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }

    private static ConfigError StartUpError(string configPath)
    {
        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(configPath));
        return Assert.Single(exception.Errors);
    }

    private static WebApplication Build(string configPath) =>
        GatewayHost.Build(["--urls", "http://127.0.0.1:0", "--config", configPath]);

    private string WriteConfig(string dataDirectory)
    {
        var path = Path.Combine(_directory, $"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, TestConfiguration.Valid.With("\"DataDirectory\": \"data\"", $"\"DataDirectory\": \"{dataDirectory}\""));
        return path;
    }
}
