using MfaGateway.Validation;
using Yarp.ReverseProxy.Configuration;

namespace MfaGateway.Configuration;

/// <summary>
/// Runs YARP's own route and cluster validation on a configuration, so start-up and reload report
/// YARP's errors together with the gateway's. It keeps YARP's services in a container of its own:
/// it must work before the gateway's services exist (start-up validation runs before they are built).
/// </summary>
public sealed class YarpConfigChecker : IDisposable
{
    private readonly ServiceProvider _yarp;
    private readonly IConfigValidator _validator;

    public YarpConfigChecker()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReverseProxy();
        _yarp = services.BuildServiceProvider();
        _validator = _yarp.GetRequiredService<IConfigValidator>();
    }

    public async Task<IReadOnlyList<ConfigError>> CheckAsync(IConfiguration configuration) => (await CompileAsync(configuration)).Errors;

    /// <summary>YARP's routes and clusters as YARP reads them, with every error its validator finds.</summary>
    /// <returns>The parsed routes and clusters (null when the section cannot be parsed at all) and the errors.</returns>
    public async Task<(IProxyConfig? Proxy, IReadOnlyList<ConfigError> Errors)> CompileAsync(IConfiguration configuration)
    {
        var errors = new List<ConfigError>();
        IProxyConfig proxyConfig;
        try
        {
            proxyConfig = ParseWithYarp(configuration.GetSection(ProxySectionReader.SectionName));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            errors.Add("ReverseProxy", $"{ex.Message}{(ex.InnerException is null ? string.Empty : " " + ex.InnerException.Message)}");
            return (null, errors);
        }

        var clusterIds = proxyConfig.Clusters.Select(c => c.ClusterId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var route in proxyConfig.Routes)
        {
            errors.AddRange((await _validator.ValidateRouteAsync(route)).Select(e => new ConfigError($"ReverseProxy:Routes:{route.RouteId}", e.Message)));

            // YARP accepts a route whose cluster does not exist and answers 503 on it at run time.
            if (string.IsNullOrEmpty(route.ClusterId) || !clusterIds.Contains(route.ClusterId))
            {
                errors.Add($"ReverseProxy:Routes:{route.RouteId}:ClusterId", $"no cluster is named '{route.ClusterId}' (defined: {string.Join(", ", clusterIds.Order(StringComparer.OrdinalIgnoreCase))})");
            }
        }

        foreach (var cluster in proxyConfig.Clusters)
        {
            errors.AddRange((await _validator.ValidateClusterAsync(cluster)).Select(e => new ConfigError($"ReverseProxy:Clusters:{cluster.ClusterId}", e.Message)));
        }

        if (proxyConfig.Routes.Count == 0)
        {
            errors.Add("ReverseProxy:Routes", "no routes are defined, so nothing would be proxied");
        }

        return (proxyConfig, errors);
    }

    public void Dispose() => _yarp.Dispose();

    /// <summary>YARP's parser of the "ReverseProxy" section is internal; reach it through its public registration.</summary>
    private static IProxyConfig ParseWithYarp(IConfigurationSection section)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReverseProxy().LoadFromConfig(section);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IProxyConfigProvider>().GetConfig();
    }
}
