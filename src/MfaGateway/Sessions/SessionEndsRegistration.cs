using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Sessions;

/// <summary>Ending sessions: the store, the in-memory view the proxied path reads, its refresher, and sign-out.</summary>
public static class SessionEndsRegistration
{
    public static IServiceCollection AddGatewaySessionEnds(this IServiceCollection services)
    {
        services.TryAddSingleton<ISessionEndStore, SqliteSessionEndStore>();
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<EndedSessionsRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<EndedSessionsRefresher>());
        services.AddSingleton<SessionTermination>();
        services.AddSingleton<AppSignOut>();
        services.AddSingleton<OwnPasswordChange>();
        return services;
    }
}
