using MfaGateway.Configuration;
using MfaGateway.Validation;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MfaGateway.Hosting;

/// <summary>Builds the gateway; shared by Program and the functional tests.</summary>
public static class GatewayHost
{
    public const string ConfigFileEnvironmentVariable = "MFAGATEWAY_CONFIG";
    public const string DefaultConfigFile = "config/gateway.json";

    /// <summary>
    /// The host's default appsettings.json sources reload on change through a watcher on the whole
    /// content root, subdirectories included. The data directory usually sits there, so every SQLite
    /// and WAL write woke that watcher: 4 % of the gateway's CPU in the flow benchmark. So the host is
    /// told not to watch, and <see cref="PollAppSettings"/> gives those files a reload of their own.
    /// A later --hostBuilder:reloadConfigOnChange=true on the command line brings the host's back.
    /// </summary>
    internal const string NoContentRootWatch = "--" + ReloadConfigOnChangeKey + "=false";

    private const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <param name="configure">Lets tests replace services (a fake clock) before the gateway's are added.</param>
    /// <exception cref="GatewayConfigurationException">Listing every configuration error found, or why the database cannot be used.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateConfiguredBuilder(args, out var configFile);
        var location = new ConfigFileLocation(configFile);

        // Everything is checked before any service exists, so every error is listed and nothing
        // (not even the data directory) is created for a configuration that cannot run.
        var validator = new GatewayConfigValidator(new YarpConfigChecker());
        var errors = validator.ValidateForStartup(builder.Configuration, location.Directory, out var riskData);
        if (errors.HasErrors())
        {
            validator.Dispose();
            throw new GatewayConfigurationException(errors);
        }

        builder.Services.AddSingleton(_ => validator); // created by a factory, so the container disposes it
        builder.Services.AddSingleton(riskData!);
        configure?.Invoke(builder);
        builder.AddGatewayServices(location);

        var app = builder.Build();

        // Migrations run here, before anything listens, so a database the gateway cannot use stops
        // start-up with the configuration errors' exit code rather than failing the first request.
        if (DatabaseStartup.Prepare(app.Services) is { } storageError)
        {
            ((IDisposable)app).Dispose();
            throw new GatewayConfigurationException([storageError]);
        }

        return app.MapGateway();
    }

    /// <summary>
    /// A builder with the gateway's configuration sources and nothing else, shared by the server and
    /// the command line (which validates and reads settings without starting anything). The config file
    /// is --config, else MFAGATEWAY_CONFIG, else config/gateway.json; it ranks above appsettings.json but
    /// below environment variables and the command line, so a deployment can override single keys.
    /// </summary>
    /// <param name="configFile">The config file's full path, also when reading it fails.</param>
    /// <exception cref="GatewayConfigurationException">The file is missing or is not valid JSON.</exception>
    public static WebApplicationBuilder CreateConfiguredBuilder(string[] args, out string configFile)
    {
        // Named after this assembly, not the process's entry assembly, so the hosted pages are found
        // whoever hosts the gateway (the test runner, for one).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [NoContentRootWatch, .. args],
            ApplicationName = typeof(GatewayHost).Assembly.GetName().Name,
        });
        var path = builder.Configuration["config"]
            ?? Environment.GetEnvironmentVariable(ConfigFileEnvironmentVariable)
            ?? DefaultConfigFile;
        configFile = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, path));
        PollAppSettings(builder);
        AddConfigFile(builder.Configuration, configFile);
        return builder;
    }

    /// <summary>
    /// appsettings.json and appsettings.{Environment}.json still reload when edited, as they do in any
    /// ASP.NET Core host: settings an operator keeps there (an admin key, say) must stop working when
    /// removed, not at the next restart. They are polled (a stat of each file every 4 s) rather than
    /// watched, which needs no watcher on the content root.
    /// </summary>
    private static void PollAppSettings(WebApplicationBuilder builder)
    {
        if (!string.Equals(builder.Configuration[ReloadConfigOnChangeKey], "false", StringComparison.OrdinalIgnoreCase))
        {
            return; // the operator asked for the host's own watcher
        }

        var files = new PhysicalFileProvider(builder.Environment.ContentRootPath) { UsePollingFileWatcher = true, UseActivePolling = true };
        builder.Services.AddHostedService(_ => new PolledAppSettings(files)); // a hosted service is created at start, so the container disposes it
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: false, Path: { } file } json
                && file.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources[i] = new JsonConfigurationSource { Path = file, Optional = json.Optional, ReloadOnChange = true, FileProvider = files };
            }
        }
    }

    /// <summary>Owns the polling file provider of the appsettings files, so its timer ends with the host.</summary>
    private sealed class PolledAppSettings(PhysicalFileProvider files) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => files.Dispose();
    }

    private static void AddConfigFile(ConfigurationManager configuration, string fullPath)
    {
        var sources = configuration.Sources;
        var overrides = sources.ToList().FindIndex(source =>
            source is EnvironmentVariablesConfigurationSource { Prefix: null or "" } or CommandLineConfigurationSource);
        sources.Insert(overrides >= 0 ? overrides : sources.Count, new GuardedJsonFileConfigurationSource(fullPath));
    }
}
