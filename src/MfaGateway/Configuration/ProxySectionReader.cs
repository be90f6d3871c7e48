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
}
