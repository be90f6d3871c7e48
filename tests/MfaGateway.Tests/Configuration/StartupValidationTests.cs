using System.Diagnostics;
using MfaGateway.Configuration;
using MfaGateway.Hosting;
using MfaGateway.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Configuration;

/// <summary>A gateway with a bad config file refuses to start and says everything that is wrong, at once.</summary>
public sealed class StartupValidationTests : IDisposable
{
    /// <summary>Gateway mistakes and YARP mistakes in one file.</summary>
    private const string BadConfig = """
        {
          "Gateway": {
            "Issuer": "Test Bank",
            "DataDirectory": "{{data}}",
            "TrustedProxies": [ "10.0.0.0/33" ],
            "DefaultPolicy": "signin",
            "Policies": {
              "public": { "Level": "Bypass" },
              "signin": { "Level": "Required", "MaxAge": "5 minutes" }
            },
            "Rules": [
              { "Paths": [ "/health" ], "Policy": "nope" }
            ],
            "Apps": {
              "bank": {
                "Routes": [ "bank" ],
                "Identity": { "Source": "FormLogin", "FormLogin": { "LoginPath": "/login", "SessionCookie": "BankSession" } }
              }
            },
            "Session": { "Lifetime": "forever" }
          },
          "ReverseProxy": {
            "Routes": {
              "bank": { "ClusterId": "bank", "Match": { "Path": "{**catch-all}" } },
              "ghost": { "ClusterId": "nowhere", "Match": { "Path": "/ghost/{**rest}" } },
              "nomatch": { "ClusterId": "bank" }
            },
            "Clusters": {
              "bank": {
                "SessionAffinity": { "Enabled": true, "Policy": "Sticky" },
                "Destinations": { "demo": { "Address": "http://127.0.0.1:5080/" } }
              }
            }
          }
        }
        """;

    private static readonly (string Key, string Says)[] BadConfigErrors =
    [
        ("Gateway:TrustedProxies", "'10.0.0.0/33' has an invalid prefix length"),
        ("Gateway:Policies:signin:MaxAge", "'5 minutes' is not a positive duration"),
        ("Gateway:Rules:0:Policy", "unknown policy 'nope'"),
        ("Gateway:Session:Lifetime", "'forever' is not a positive duration"),
        ("ReverseProxy:Clusters:bank", "No matching ISessionAffinityPolicy found for the session affinity policy 'Sticky'"),
        ("ReverseProxy:Routes:ghost:ClusterId", "no cluster is named 'nowhere'"),
        ("ReverseProxy:Routes:nomatch", "requires Hosts or Path"),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-gateway-startup-").FullName;

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
    public void Bad_config_file_fails_start_up_with_every_gateway_and_proxy_error_in_one_exception()
    {
        var path = WriteConfig(BadConfig);

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        AssertListsEvery(BadConfigErrors, exception.Errors);
        // Nothing else is wrong; YARP may say more than one thing about one cluster.
        Assert.Equal(BadConfigErrors.Select(e => e.Key).Order(StringComparer.Ordinal), exception.Errors.Select(e => e.Key).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains($"{exception.Errors.Count} error(s)", exception.Message, StringComparison.Ordinal);
        Assert.All(exception.Errors, e => Assert.Contains(e.Text, exception.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Risk_data_errors_are_listed_with_the_other_config_errors_and_nothing_is_created()
    {
        var truncated = Path.Combine(_directory, "truncated.mmdb");
        File.WriteAllBytes(truncated, File.ReadAllBytes(Risk.GeoTestData.CityDatabase).AsSpan(0, 4096).ToArray());
        var path = WriteConfig(ValidConfig()
            .With("\"DefaultPolicy\": \"signin\",", $$"""
                "DefaultPolicy": "signin",
                "GeoIp": { "CityDatabase": "{{truncated}}" },
                "IpReputation": { "BlockLists": [ { "Name": "tor", "Path": "{{Path.Combine(_directory, "missing.txt")}}" } ] },
                """)
            .With("\"MaxAge\": \"5m\"", "\"MaxAge\": \"soon\""));

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        AssertListsEvery(
            [
                ("Gateway:Policies:sensitive:MaxAge", "'soon' is not a positive duration"),
                ("Gateway:GeoIp:CityDatabase", $"file '{truncated}'"),
                ("Gateway:IpReputation:BlockLists:0:Path", "file"),
            ],
            exception.Errors);
        Assert.False(Directory.Exists(Path.Combine(_directory, "data")));
    }

    [Fact]
    public void An_optional_geoip_database_that_is_missing_is_a_warning_not_an_error()
    {
        var path = WriteConfig(ValidConfig().With("\"DefaultPolicy\": \"signin\",", $$"""
            "DefaultPolicy": "signin",
            "GeoIp": { "CityDatabase": "{{Path.Combine(_directory, "absent.mmdb")}}", "Optional": true },
            """));

        using var app = Build(path);

        var sources = app.Services.GetRequiredService<MfaGateway.Risk.RiskDataSources>();
        var warning = Assert.Single(sources.Warnings);
        Assert.Equal(("Gateway:GeoIp:CityDatabase", ConfigSeverity.Warning), (warning.Key, warning.Severity));
        Assert.False(app.Services.GetRequiredService<MfaGateway.Risk.Geo.IGeoLocator>().LocationEnabled);
    }

    [Fact]
    public void Config_valid_for_the_gateway_but_not_for_the_proxy_fails_start_up_with_the_proxy_errors()
    {
        var path = WriteConfig(ValidConfig().With(
            "\"Metadata\": { \"MfaPolicy\": \"public\" } }",
            "\"Metadata\": { \"MfaPolicy\": \"public\" } }, \"nomatch\": { \"ClusterId\": \"bank\" }, \"badpath\": { \"ClusterId\": \"bank\", \"Match\": { \"Path\": \"/x/{\" } }"));

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        AssertListsEvery([("ReverseProxy:Routes:nomatch", "Route 'nomatch' requires Hosts or Path"), ("ReverseProxy:Routes:badpath", string.Empty)], exception.Errors);
    }

    [Fact]
    public void Gateway_errors_do_not_hide_proxy_errors_at_start_up()
    {
        var path = WriteConfig(ValidConfig()
            .With("\"DefaultPolicy\": \"signin\"", "\"DefaultPolicy\": \"nope\"")
            .With("\"docs\": { \"ClusterId\": \"bank\", \"Match\": { \"Path\": \"/docs/{**rest}\" },", "\"docs\": { \"ClusterId\": \"bank\","));

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        AssertListsEvery([("Gateway:DefaultPolicy", "unknown policy 'nope'"), ("ReverseProxy:Routes:docs", "Route 'docs' requires Hosts or Path")], exception.Errors);
    }

    [Fact]
    public async Task Route_naming_no_cluster_fails_start_up()
    {
        var path = WriteConfig(ValidConfig().With(
            "\"docs\": { \"ClusterId\": \"bank\"",
            "\"docs\": { \"ClusterId\": \"nowhere\""));

        WebApplication? app = null;
        var exception = Record.Exception(() => app = Build(path));
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        var configuration = Assert.IsType<GatewayConfigurationException>(exception);
        AssertListsEvery([("ReverseProxy:Routes:docs:ClusterId", "no cluster is named 'nowhere'")], configuration.Errors);
    }

    [Fact]
    public async Task HashCookie_affinity_is_accepted_now_that_YARP_is_a_plain_package()
    {
        var path = WriteConfig(ValidConfig().With(
            "\"Destinations\": { \"demo\"",
            "\"SessionAffinity\": { \"Enabled\": true, \"Policy\": \"HashCookie\", \"AffinityKeyName\": \"BankAffinity\" }, \"Destinations\": { \"demo\""));

        await using var app = Build(path);
    }

    [Fact]
    public async Task Valid_config_file_builds_a_gateway()
    {
        var path = WriteConfig(ValidConfig());

        await using var app = Build(path);

        var monitor = (GatewayConfigMonitor)app.Services.GetService(typeof(GatewayConfigMonitor))!;
        Assert.Equal("Test Bank", monitor.Current.Issuer);
    }

    [Fact]
    public void Missing_config_file_is_one_clear_error()
    {
        var path = Path.Combine(_directory, "no-such-file.json");

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(new ConfigError(path, "the configuration file does not exist"), error);
    }

    [Theory]
    [InlineData("{ \"Gateway\": { \"Issuer\": \"x\", ")]
    [InlineData("{ \"Gateway\": { \"Issuer\": \"x\" } } }")]
    [InlineData("not json at all")]
    [InlineData("{ \"Gateway\": { \"Issuer\": 'single quotes' } }")]
    public void Config_file_with_broken_json_is_one_clear_error(string text)
    {
        var path = WriteConfig(text);

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(path, error.Key);
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_config_file_is_one_clear_error()
    {
        var path = WriteConfig(string.Empty);

        var exception = Assert.Throws<GatewayConfigurationException>(() => Build(path));

        Assert.Equal(path, Assert.Single(exception.Errors).Key);
    }

    [Fact]
    public async Task Gateway_process_with_a_bad_config_exits_with_code_2_and_lists_every_error()
    {
        var path = WriteConfig(BadConfig);
        var dll = typeof(GatewayHost).Assembly.Location;
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"{dll} cannot be run: its runtimeconfig.json is missing");

        var (exitCode, stdout, errors) = await RunGatewayProcessAsync(path, "the gateway kept running with a bad config file");
        Assert.True(exitCode == 2, $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{errors}");
        Assert.Contains("The gateway configuration has", errors, StringComparison.Ordinal);
        foreach (var (key, says) in BadConfigErrors)
        {
            Assert.True(errors.Contains($"{key}: ", StringComparison.Ordinal) && errors.Contains(says, StringComparison.Ordinal), $"stderr does not list {key}: {says}:\n{errors}");
        }

        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_process_with_a_missing_config_exits_with_code_2_and_says_so()
    {
        var path = Path.Combine(_directory, "missing.json");
        var (exitCode, stdout, errors) = await RunGatewayProcessAsync(path, "the gateway kept running without a config file");
        Assert.True(exitCode == 2, $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{errors}");
        Assert.Contains("the configuration file does not exist", errors, StringComparison.Ordinal);
        Assert.Contains(path, errors, StringComparison.Ordinal);
    }

    private string ValidConfig() => TestConfiguration.Valid.With(
        "\"DataDirectory\": \"data\"",
        $"\"DataDirectory\": \"{Path.Combine(_directory, "data")}\"");

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_directory, $"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text.Replace("{{data}}", Path.Combine(_directory, "data"), StringComparison.Ordinal));
        return path;
    }

    private static WebApplication Build(string configPath) =>
        GatewayHost.Build(["--urls", "http://127.0.0.1:0", "--config", configPath]);

    private static void AssertListsEvery(IEnumerable<(string Key, string Says)> expected, IReadOnlyList<ConfigError> errors)
    {
        var all = string.Join('\n', errors);
        foreach (var (key, says) in expected)
        {
            Assert.True(errors.Any(e => e.Key == key && e.IsError && e.Message.Contains(says, StringComparison.Ordinal)), $"no error {key} says \"{says}\" in:\n{all}");
        }
    }

    /// <summary>Runs the real gateway executable with a config file and returns how it ended.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunGatewayProcessAsync(string configPath, string stillRunningMessage)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(GatewayHost).Assembly.Location, "--config", configPath, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(stillRunningMessage);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
