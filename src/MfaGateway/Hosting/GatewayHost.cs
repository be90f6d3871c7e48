using MfaGateway.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace MfaGateway.Hosting;

/// <summary>Builds the gateway; shared by Program and the functional tests.</summary>
public static class GatewayHost
{
    public const string ConfigFileEnvironmentVariable = "MFAGATEWAY_CONFIG";
    public const string DefaultConfigFile = "config/gateway.json";

    /// <param name="configure">Lets tests replace services (a fake clock) before the gateway's are added.</param>
    /// <exception cref="GatewayConfigurationException">Listing every configuration error found.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named after this assembly, not the process's entry assembly, so the hosted pages are found
        // whoever hosts the gateway (the test runner, for one).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GatewayHost).Assembly.GetName().Name,
        });
        AddConfigFile(builder);

        // Everything is checked before any service exists, so every error is listed and nothing
        // (not even the data directory) is created for a configuration that cannot run.
        var validator = new GatewayConfigValidator(new YarpConfigChecker());
        var errors = validator.Validate(builder.Configuration);
        if (errors.Count > 0)
        {
            validator.Dispose();
            throw new GatewayConfigurationException(errors);
        }

        builder.Services.AddSingleton(_ => validator); // created by a factory, so the container disposes it
        configure?.Invoke(builder);
        builder.AddGatewayServices();

        var app = builder.Build();
        app.Services.GetRequiredService<GatewayConfigMonitor>().GuardReloadsWith(validator);
        return app.MapGateway();
    }

    /// <summary>
    /// The config file ranks above appsettings.json but below environment variables and the command
    /// line, so a deployment can override single keys.
    /// </summary>
    private static void AddConfigFile(WebApplicationBuilder builder)
    {
        var path = builder.Configuration["config"]
            ?? Environment.GetEnvironmentVariable(ConfigFileEnvironmentVariable)
            ?? DefaultConfigFile;
        var fullPath = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, path));
        var sources = builder.Configuration.Sources;
        var overrides = sources.ToList().FindIndex(source =>
            source is EnvironmentVariablesConfigurationSource { Prefix: null or "" } or CommandLineConfigurationSource);
        sources.Insert(overrides >= 0 ? overrides : sources.Count, new GuardedJsonFileConfigurationSource(fullPath));
    }
}
