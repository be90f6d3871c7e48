using MfaGateway.Delivery.Sms;

namespace MfaGateway.Configuration;

/// <summary>The SMS section of the snapshot the monitor holds: a reload applies to the next message.</summary>
public sealed class MonitoredSmsSettings(GatewayConfigMonitor monitor) : ISmsSettingsSource
{
    public SmsSettings? Current => monitor.Current.Sms;
}
