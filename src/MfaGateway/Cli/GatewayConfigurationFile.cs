using MfaGateway.Configuration;
using MfaGateway.Hosting;
using MfaGateway.Validation;

namespace MfaGateway.Cli;

/// <summary>
/// Reads and checks the configuration exactly as the server does (<see cref="GatewayHost.CreateConfiguredBuilder"/>
/// and the same validator) without creating anything, not even the data directory.
/// </summary>
public static class GatewayConfigurationFile
{
    /// <summary>What <c>--config</c> becomes for the host: the server's own argument.</summary>
    public static string[] HostArguments(string? configPath) => configPath is null ? [] : ["--config", configPath];

    /// <returns>The config file's full path and every error and warning found; no errors means the server would start.</returns>
    public static (string Path, IReadOnlyList<ConfigError> Errors) Validate(string? configPath)
    {
        WebApplicationBuilder builder;
        string path;
        try
        {
            builder = GatewayHost.CreateConfiguredBuilder(HostArguments(configPath), out path);
        }
        catch (GatewayConfigurationException ex)
        {
            return (configPath ?? GatewayHost.DefaultConfigFile, ex.Errors);
        }

        using var configuration = builder.Configuration;
        using var validator = new GatewayConfigValidator(new YarpConfigChecker());
        return (path, validator.ValidateForStartup(configuration, new ConfigFileLocation(path).Directory, out _));
    }
}
