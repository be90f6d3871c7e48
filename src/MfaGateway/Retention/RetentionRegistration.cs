using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Retention;

public static class RetentionRegistration
{
    /// <summary>The periodic pruning of old history; its store is added only if the host has not registered one.</summary>
    public static IServiceCollection AddGatewayRetention(this IServiceCollection services)
    {
        services.TryAddSingleton<IRetentionStore, SqliteRetentionStore>();
        services.TryAddSingleton<RetentionPruner>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionPruner>());
        return services;
    }
}
