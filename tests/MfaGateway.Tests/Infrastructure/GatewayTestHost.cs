using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Configuration;
using MfaGateway.DemoApp;
using MfaGateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// The demo bank, an echo upstream and the gateway, each on real Kestrel on a free loopback port,
/// with a config file and data directory of their own. The gateway's clock is a fake the test moves.
/// </summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    private readonly WebApplication _demo;
    private readonly IReadOnlyList<string> _arguments;
    private readonly Action<IServiceCollection>? _services;
    private WebApplication _gateway;

    private GatewayTestHost(WebApplication demo, EchoUpstream echo, WebApplication gateway, string directory, string configPath, FakeTimeProvider time, CapturedLogs logs, IReadOnlyList<string> arguments, Action<IServiceCollection>? services)
    {
        _arguments = arguments;
        _services = services;
        Logs = logs;
        _demo = demo;
        Echo = echo;
        _gateway = gateway;
        Directory = directory;
        ConfigPath = configPath;
        Time = time;
        BaseAddress = new Uri(Address(gateway));
    }

    /// <summary>The gateway's address; it changes when the gateway is restarted.</summary>
    public Uri BaseAddress { get; private set; }

    public EchoUpstream Echo { get; }

    /// <summary>The demo bank's own address, for tests that reach it around the gateway as an attacker could.</summary>
    public Uri DemoAddress => new(Address(_demo));

    /// <summary>What the gateway logged, at the levels the test config enables (Warning and up by default).</summary>
    public CapturedLogs Logs { get; }

    public FakeTimeProvider Time { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    public string DatabasePath => Path.Combine(Directory, "data", "gateway.db");

    public GatewayConfigMonitor Monitor => _gateway.Services.GetRequiredService<GatewayConfigMonitor>();

    public IServiceProvider Services => _gateway.Services;

    /// <param name="services">Registers services before the gateway's own, e.g. a decorator that counts calls (first registration of a factor type wins).</param>
    /// <param name="arguments">Extra command-line arguments for the gateway, which outrank the config file (<c>--Gateway:Key=value</c>).</param>
    public static async Task<GatewayTestHost> StartAsync(Action<JsonObject, EchoUpstream>? configure = null, Action<IServiceCollection>? services = null, IReadOnlyList<string>? arguments = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("mfa-gateway-test-").FullName;
        var demo = DemoApplication.Create(["--urls", "http://127.0.0.1:0"]);
        await demo.StartAsync();
        var echo = await EchoUpstream.StartAsync();

        var config = TestConfig.Create(Address(demo), echo.BaseAddress, Path.Combine(directory, "data"));
        configure?.Invoke(config, echo);
        var configPath = Path.Combine(directory, "gateway.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        // Starts at the real time: HttpClient cookie jars and JWT libraries judge expiry by the real clock.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        arguments ??= [];
        var gateway = await StartGatewayAsync(configPath, time, logs, arguments, services);
        return new GatewayTestHost(demo, echo, gateway, directory, configPath, time, logs, arguments, services);
    }

    public Browser NewBrowser() => new(BaseAddress);

    /// <summary>
    /// Stops the gateway and starts a new one on the same config file and data directory, as after a
    /// deployment: durable state survives, in-memory state (pending challenges) does not.
    /// </summary>
    public async Task RestartGatewayAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _gateway = await StartGatewayAsync(ConfigPath, Time, Logs, _arguments, _services);
        BaseAddress = new Uri(Address(_gateway));
    }

    /// <summary>Writes a new config file and reloads it now, returning the reload's outcome.</summary>
    public async Task<ConfigFileReload> RewriteConfigAsync(Action<JsonObject> change)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath))!.AsObject();
        change(config);
        return await WriteConfigTextAsync(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public async Task<ConfigFileReload> WriteConfigTextAsync(string text)
    {
        await File.WriteAllTextAsync(ConfigPath, text);
        return Monitor.ReloadFile()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _demo.StopAsync();
        await _demo.DisposeAsync();
        await Echo.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS's temp cleanup rather than failing the test.
        }
    }

    private static async Task<WebApplication> StartGatewayAsync(string configPath, FakeTimeProvider time, CapturedLogs logs, IReadOnlyList<string> arguments, Action<IServiceCollection>? services)
    {
        var gateway = GatewayHost.Build(
            ["--urls", "http://127.0.0.1:0", "--config", configPath, .. arguments],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(logs);
                services?.Invoke(builder.Services);
            });
        await gateway.StartAsync();
        return gateway;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
