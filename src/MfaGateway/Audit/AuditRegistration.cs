using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Audit;

public static class AuditRegistration
{
    /// <summary>The audit log; its store is added only if the host has not registered one.</summary>
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditStore, SqliteAuditStore>();
        services.TryAddSingleton<AuditLog>();
        return services;
    }
}
