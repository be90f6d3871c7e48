using MfaGateway.Configuration;
using MfaGateway.Validation;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace MfaGateway.Hosting;

/// <summary>Builds the gateway; shared by Program and the functional tests.</summary>
public static class GatewayHost
{
    public const string ConfigFileEnvironmentVariable = "MFAGATEWAY_CONFIG";
    public const string DefaultConfigFile = "config/gateway.json";

    /// <summary>
    /// The host's default appsettings.json sources reload on change through a watcher on the whole
    /// content root, subdirectories included. The data directory usually sits there, so every SQLite
    /// and WAL write woke that watcher: 4 % of the gateway's CPU in the flow benchmark. The config file
    /// has its own watcher (<see cref="GuardedJsonFileConfigurationSource"/>); appsettings.json is read
    /// at start. A later --hostBuilder:reloadConfigOnChange=true on the command line still wins.
    /// </summary>
    internal const string NoContentRootWatch = "--hostBuilder:reloadConfigOnChange=false";

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
        AddConfigFile(builder.Configuration, configFile);
        return builder;
    }

    private static void AddConfigFile(ConfigurationManager configuration, string fullPath)
    {
        var sources = configuration.Sources;
        var overrides = sources.ToList().FindIndex(source =>
            source is EnvironmentVariablesConfigurationSource { Prefix: null or "" } or CommandLineConfigurationSource);
        sources.Insert(overrides >= 0 ? overrides : sources.Count, new GuardedJsonFileConfigurationSource(fullPath));
    }
}
