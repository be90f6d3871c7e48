using MfaGateway.Risk;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>Everything that is checked before a configuration is used: the gateway's and YARP's rules.</summary>
public sealed class GatewayConfigValidator(YarpConfigChecker yarpChecker) : IDisposable
{
    /// <summary>Compiles the gateway's part and YARP's part of one configuration, listing every error of both.</summary>
    /// <returns>The snapshot to run, or null when there is any error.</returns>
    public ConfigurationSnapshot? Compile(IConfiguration configuration, out IReadOnlyList<ConfigError> errors)
    {
        var gateway = GatewayConfigCompiler.Compile(configuration, out var gatewayErrors);

        // Called from a file-watcher callback or start-up, never from a request: blocking is acceptable here.
        var (proxy, yarpErrors) = yarpChecker.CompileAsync(configuration).GetAwaiter().GetResult();
        errors = [.. gatewayErrors, .. yarpErrors];
        return !errors.HasErrors() && gateway is not null && proxy is not null
            ? new ConfigurationSnapshot(gateway, RouteTransformNeeds.Stamp(proxy.Routes, gateway), proxy.Clusters)
            : null;
    }

    public IReadOnlyList<ConfigError> Validate(IConfiguration configuration)
    {
        Compile(configuration, out var errors);
        return errors;
    }

    /// <summary>
    /// What start-up checks: <see cref="Validate(IConfiguration)"/>, plus opening the risk data files
    /// (GeoIP databases, block lists) once, so their errors and warnings are listed with the rest.
    /// Reloads do not reopen those files: their services watch them.
    /// </summary>
    /// <param name="configDirectory">Relative data file paths resolve against the config file's folder.</param>
    public IReadOnlyList<ConfigError> ValidateForStartup(IConfiguration configuration, string configDirectory, out RiskDataSources? riskData)
    {
        var errors = Validate(configuration).ToList();
        riskData = RiskDataSources.Load(configuration, configDirectory, errors);
        return errors;
    }

    public IReadOnlyList<ConfigError> Validate(IReadOnlyDictionary<string, string?> flattened) =>
        Validate(new ConfigurationBuilder().AddInMemoryCollection(flattened).Build());

    public void Dispose() => yarpChecker.Dispose();
}
