using MfaGateway.Factors.SentCodes;

namespace MfaGateway.Configuration;

/// <summary>The sent-code section of the snapshot the monitor holds: a reload applies to the next code.</summary>
public sealed class MonitoredSentCodeSettings(GatewayConfigMonitor monitor) : ISentCodeSettingsSource
{
    public SentCodeSettings Current => monitor.Current.SentCodes;

    public string Issuer => monitor.Current.Issuer;
}
