using MfaGateway.Notifications;

namespace MfaGateway.Configuration;

public sealed class MonitoredNotificationSettings(GatewayConfigMonitor monitor) : INotificationSettingsSource
{
    public NotificationSettings Current => monitor.Current.Notifications;

    public string Issuer => monitor.Current.Issuer;
}
