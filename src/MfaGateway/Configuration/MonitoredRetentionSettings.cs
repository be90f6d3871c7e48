using MfaGateway.Retention;

namespace MfaGateway.Configuration;

/// <summary>The retention section of the snapshot the monitor holds, so the pruner needs no view of the whole config.</summary>
public sealed class MonitoredRetentionSettings(GatewayConfigMonitor monitor) : IRetentionSettingsSource
{
    public RetentionSettings Current => monitor.Current.Retention;
}
