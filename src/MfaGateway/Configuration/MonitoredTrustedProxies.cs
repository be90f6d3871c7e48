using MfaGateway.Networking;

namespace MfaGateway.Configuration;

/// <summary>The trusted proxies of the snapshot the monitor holds, so the middleware needs no view of the whole config.</summary>
public sealed class MonitoredTrustedProxies(GatewayConfigMonitor monitor) : ITrustedProxiesSource
{
    public NetworkList Current => monitor.Current.TrustedProxies;
}
