using MfaGateway.Audit;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Notifications;

public static class NotificationsRegistration
{
    public static IServiceCollection AddGatewayNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<INotificationOutbox, SqliteNotificationOutbox>();
        services.TryAddSingleton<INotificationContent, NotificationContent>();
        services.TryAddSingleton<NotificationSeal>();
        services.TryAddSingleton<NotificationSignal>();
        services.TryAddSingleton<NotificationDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationDispatcher>());
        services.TryAddSingleton<Notifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditObserver, AuditNotifications>());
        return services;
    }
}
