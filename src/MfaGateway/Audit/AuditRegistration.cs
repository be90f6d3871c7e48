using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Audit;

public static class AuditRegistration
{
    /// <summary>
    /// The audit log, its write queue and its durable store; the store is added only if the host has not
    /// registered one, and the queue writes into whichever store that is.
    /// </summary>
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditStore, SqliteAuditStore>();
        services.TryAddSingleton(provider => new AuditWriteQueue(provider.GetRequiredService<IAuditStore>(), provider.GetRequiredService<ILogger<AuditWriteQueue>>()));
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriteQueue>());
        services.TryAddSingleton(provider => new FlushingAuditStore(provider.GetRequiredService<IAuditStore>(), provider.GetRequiredService<AuditWriteQueue>()));
        services.TryAddSingleton<AuditLog>();
        return services;
    }
}
