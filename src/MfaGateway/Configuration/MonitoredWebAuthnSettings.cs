using MfaGateway.Factors.WebAuthn;

namespace MfaGateway.Configuration;

/// <summary>The WebAuthn section of the snapshot the monitor holds: a reload applies to the next ceremony.</summary>
public sealed class MonitoredWebAuthnSettings(GatewayConfigMonitor monitor) : IWebAuthnSettingsSource
{
    public WebAuthnSettings? Current => monitor.Current.WebAuthn;
}
