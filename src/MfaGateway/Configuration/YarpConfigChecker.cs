using Yarp.ReverseProxy.Configuration;

namespace MfaGateway.Configuration;

/// <summary>
/// Runs YARP's own route and cluster validation on a configuration, so start-up and reload report
/// YARP's errors together with the gateway's instead of one at a time.
/// </summary>
public sealed class YarpConfigChecker(IConfigValidator validator)
{
    public async Task<IReadOnlyList<string>> CheckAsync(IConfiguration configuration)
    {
        var errors = new List<string>();
        IProxyConfig proxyConfig;
        try
        {
            proxyConfig = ParseWithYarp(configuration.GetSection(ProxySectionReader.SectionName));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            errors.Add($"ReverseProxy: {ex.Message}{(ex.InnerException is null ? string.Empty : " " + ex.InnerException.Message)}");
            return errors;
        }

        foreach (var route in proxyConfig.Routes)
        {
            errors.AddRange((await validator.ValidateRouteAsync(route)).Select(e => $"ReverseProxy:Routes:{route.RouteId}: {e.Message}"));
        }

        foreach (var cluster in proxyConfig.Clusters)
        {
            errors.AddRange((await validator.ValidateClusterAsync(cluster)).Select(e => $"ReverseProxy:Clusters:{cluster.ClusterId}: {e.Message}"));
        }

        if (proxyConfig.Routes.Count == 0)
        {
            errors.Add("ReverseProxy:Routes: no routes are defined, so nothing would be proxied");
        }

        return errors;
    }

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
