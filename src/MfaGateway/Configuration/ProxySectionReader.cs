namespace MfaGateway.Configuration;

/// <summary>What the gateway needs to know about YARP's "ReverseProxy" section.</summary>
public sealed record ProxyRouteInfo(string RouteId, string? PolicyName, string? AppName);

public static class ProxySectionReader
{
    public const string SectionName = "ReverseProxy";
    public const string PolicyMetadataKey = "MfaPolicy";
    public const string AppMetadataKey = "MfaApp";

    public static IReadOnlyList<ProxyRouteInfo> ReadRoutes(IConfiguration configuration) =>
        [.. configuration.GetSection($"{SectionName}:Routes").GetChildren().Select(route => new ProxyRouteInfo(
            route.Key,
            route.GetSection("Metadata")[PolicyMetadataKey],
            route.GetSection("Metadata")[AppMetadataKey]))];

    /// <summary>
    /// YARP's HashCookie affinity policy needs System.IO.Hashing, which cannot be restored here, so
    /// it would fail on the first request. It is refused up front instead.
    /// </summary>
    public static IEnumerable<string> FindUnsupportedAffinityPolicies(IConfiguration configuration) =>
        configuration.GetSection($"{SectionName}:Clusters").GetChildren()
            .Where(cluster => string.Equals(cluster.GetSection("SessionAffinity")["Policy"], "HashCookie", StringComparison.OrdinalIgnoreCase))
            .Select(cluster => $"ReverseProxy:Clusters:{cluster.Key}:SessionAffinity:Policy: 'HashCookie' is not supported by this build (it needs System.IO.Hashing); use 'Cookie', 'ArrCookie' or 'CustomHeader'");
}
