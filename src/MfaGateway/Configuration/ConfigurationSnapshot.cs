using Yarp.ReverseProxy.Configuration;

namespace MfaGateway.Configuration;

/// <summary>
/// Everything one validated configuration runs: the gateway's compiled rules and YARP's routes and
/// clusters, compiled from the same merged configuration (file, environment and command line) so the
/// two are published together or not at all.
/// </summary>
public sealed record ConfigurationSnapshot(GatewayConfig Gateway, IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters);
