using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Tests.Configuration;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Administration;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-gateway-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup rather than failing the test.
        }
    }

    [Fact]
    public async Task Validate_reports_a_good_config_as_valid_and_creates_nothing()
    {
        var path = WriteConfig(ValidConfig());

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(_directory, "validate", "--config", path);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains($"{path}: configuration is valid", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "data")), "validate created the data directory");
    }

    [Fact]
    public async Task Validate_lists_every_gateway_and_proxy_error_and_exits_2()
    {
        var path = WriteConfig(ValidConfig()
            .With("\"DefaultPolicy\": \"signin\"", "\"DefaultPolicy\": \"nope\"")
            .With("\"TrustedProxies\": [ \"10.0.0.0/8\", \"127.0.0.1\" ]", "\"TrustedProxies\": [ \"10.0.0.0/33\" ]")
            .With("\"docs\": { \"ClusterId\": \"bank\"", "\"docs\": { \"ClusterId\": \"nowhere\""));

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(_directory, "validate", "--config", path);

        Assert.True(exitCode == 2, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains("The gateway configuration has 3 error(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("Gateway:DefaultPolicy: unknown policy 'nope'", stderr, StringComparison.Ordinal);
        Assert.Contains("Gateway:TrustedProxies: '10.0.0.0/33'", stderr, StringComparison.Ordinal);
        Assert.Contains("ReverseProxy:Routes:docs:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration is valid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_shows_warnings_but_passes_a_config_whose_only_problems_are_warnings()
    {
        var absent = Path.Combine(_directory, "absent.mmdb");
        var path = WriteConfig(ValidConfig().With("\"DefaultPolicy\": \"signin\",", $$"""
            "DefaultPolicy": "signin",
            "GeoIp": { "CityDatabase": "{{absent}}", "Optional": true },
            """));

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(_directory, "validate", "--config", path);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains($"{path}: configuration is valid", stdout, StringComparison.Ordinal);
        Assert.Contains($"warning: Gateway:GeoIp:CityDatabase: file '{absent}' not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_finds_the_config_file_as_the_server_does_and_reports_a_missing_one()
    {
        var path = WriteConfig(ValidConfig());
        var missing = Path.Combine(_directory, "missing.json");

        var fromEnvironment = await GatewayExecutable.RunAsync(_directory, new Dictionary<string, string> { ["MFAGATEWAY_CONFIG"] = path }, "validate");
        var absent = await GatewayExecutable.RunAsync(_directory, "validate", "--config", missing);

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Contains($"{path}: configuration is valid", fromEnvironment.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains($"{missing}: the configuration file does not exist", absent.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_status_prints_the_users_status_as_json_and_is_audited_as_the_cli()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using var browser = admin.Host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(admin.Host.Directory, "user", "status", "bank", "Alice", "--config", admin.Host.ConfigPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("alice", status.GetProperty("user").GetString());
        Assert.Equal(1, status.GetProperty("factor_count").GetInt32());
        Assert.Equal(enrolled.RecoveryCodes.Count, status.GetProperty("recovery_codes_left").GetInt32());
        Assert.False(status.GetProperty("locked").GetBoolean());

        var read = Assert.Single((await admin.AuditAsync("type=admin.user_status")).GetProperty("events").EnumerateArray());
        Assert.Equal("cli", read.GetProperty("detail").GetProperty("admin").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("client_ip").ValueKind);
    }

    [Fact]
    public async Task User_commands_exit_3_for_an_unknown_user_and_2_for_a_bad_config()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var badConfig = WriteConfig(ValidConfig().With("\"DefaultPolicy\": \"signin\"", "\"DefaultPolicy\": \"nope\""));

        var unknown = await GatewayExecutable.RunAsync(host.Directory, "user", "unlock", "bank", "nobody", "--config", host.ConfigPath);
        var invalid = await GatewayExecutable.RunAsync(_directory, "user", "status", "bank", "alice", "--config", badConfig);
        var missingArgument = await GatewayExecutable.RunAsync(_directory, "user", "status", "bank");

        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("never seen user 'nobody' in realm 'bank'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, unknown.Stdout.Trim());
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Gateway:DefaultPolicy: unknown policy 'nope'", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, missingArgument.ExitCode);
    }

    [Fact]
    public async Task User_unlock_on_the_command_line_lets_a_locked_user_in_while_the_gateway_runs()
    {
        await using var admin = await AdminApiHost.StartAsync(config =>
            config["Gateway"]!["Challenge"] = new JsonObject { ["MaxFailures"] = 5, ["MaxConsecutiveUserFailures"] = 2 });
        using var enrolment = admin.Host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(admin.Host, enrolment, DemoUsers.Alice);
        admin.Host.Time.AdvanceToNextTimeStep();
        Assert.Equal(HttpStatusCode.Forbidden, (await AdminFlows.WrongCodesAsync(admin.Host, DemoUsers.Alice, 2, secret)).StatusCode);

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(admin.Host.Directory,
            "user", "unlock", "bank", "alice", "--reason", "called the help desk", "--config", admin.Host.ConfigPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("unlock", result.GetProperty("action").GetString());
        Assert.False(result.GetProperty("user").GetProperty("locked").GetBoolean());
        using var browser = admin.Host.NewBrowser();
        var (_, body) = await BankFlows.SignInWithCodeAsync(admin.Host, browser, DemoUsers.Alice, secret);
        Assert.Contains("Welcome, alice", body);
        var audited = Assert.Single((await admin.AuditAsync("type=admin.unlock")).GetProperty("events").EnumerateArray());
        Assert.Equal("cli", audited.GetProperty("detail").GetProperty("admin").GetString());
        Assert.Equal("called the help desk", audited.GetProperty("detail").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task User_reset_and_require_mfa_on_the_command_line_change_the_user()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using var enrolment = admin.Host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(admin.Host, enrolment, DemoUsers.Alice);

        var reset = await GatewayExecutable.RunAsync(admin.Host.Directory, "user", "reset", "bank", "alice", "--config", admin.Host.ConfigPath);
        var require = await GatewayExecutable.RunAsync(admin.Host.Directory, "user", "require-mfa", "bank", "alice", "--config", admin.Host.ConfigPath);

        Assert.True(reset.ExitCode == 0, reset.Stderr);
        Assert.Equal(1, JsonDocument.Parse(reset.Stdout).RootElement.GetProperty("factors_removed").GetInt32());
        Assert.True(require.ExitCode == 0, require.Stderr);
        var status = await admin.StatusAsync("alice");
        Assert.Equal(0, status.GetProperty("factor_count").GetInt32());
        Assert.True(status.GetProperty("mfa_required").GetBoolean());
    }

    [Fact]
    public async Task Admin_key_prints_a_new_key_and_the_config_entry_that_admits_it()
    {
        var first = await GatewayExecutable.RunAsync(_directory, "admin-key", "--name", "ops");
        var second = await GatewayExecutable.RunAsync(_directory, "admin-key");

        Assert.Equal(0, first.ExitCode);
        var key = Regex.Match(first.Stdout, "^([A-Za-z0-9_-]{43})$", RegexOptions.Multiline).Groups[1].Value;
        Assert.Equal(32, Base64Url.DecodeFromChars(key).Length);
        var entryLine = Regex.Match(first.Stdout, "^\\{ \"Name\": .*\\}$", RegexOptions.Multiline).Value;
        Assert.Equal($"{{ \"Name\": \"ops\", \"Sha256\": \"{AdminKeys.Sha256Hex(key)}\" }}", entryLine);
        Assert.Contains("\"Name\": \"admin\"", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key, second.Stdout, StringComparison.Ordinal);

        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Admin"] = new JsonObject { ["ApiKeys"] = new JsonArray(JsonNode.Parse(entryLine)) });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, $"{AdminApiHost.Api}/audit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_says_how_the_server_starts()
    {
        var (exitCode, stdout, _) = await GatewayExecutable.RunAsync(_directory, "--help");
        var reset = await GatewayExecutable.RunAsync(_directory, "user", "reset", "--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "validate", "user", "admin-key", "Without a command it starts the gateway", "Exit codes" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("until it restarts", reset.Stdout, StringComparison.Ordinal);
        Assert.Contains("--config", reset.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_command_the_executable_starts_the_server_as_before()
    {
        var path = WriteConfig(ValidConfig());

        var line = await GatewayExecutable.RunUntilOutputAsync(_directory, "Now listening on:",
            "--urls", "http://127.0.0.1:0", "--config", path, "--Logging:LogLevel:Default=Information");

        Assert.Contains("http://127.0.0.1:", line, StringComparison.Ordinal);
    }

    private string ValidConfig() => TestConfiguration.Valid.With(
        "\"DataDirectory\": \"data\"",
        $"\"DataDirectory\": \"{Path.Combine(_directory, "data")}\"");

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_directory, $"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
