using MfaGateway.Factors.Totp;

namespace MfaGateway.Configuration;

/// <summary>The TOTP section and issuer of the snapshot the monitor holds, so the TOTP factor needs no view of the whole config.</summary>
public sealed class MonitoredTotpSettings(GatewayConfigMonitor monitor) : ITotpSettingsSource
{
    public TotpSettings Current => monitor.Current.Totp;

    public string Issuer => monitor.Current.Issuer;
}
