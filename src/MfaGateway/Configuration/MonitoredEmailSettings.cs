using MfaGateway.Delivery.Email;

namespace MfaGateway.Configuration;

/// <summary>The e-mail section of the snapshot the monitor holds: a reload applies to the next message.</summary>
public sealed class MonitoredEmailSettings(GatewayConfigMonitor monitor) : IEmailSettingsSource
{
    public EmailSettings? Current => monitor.Current.Email;
}
