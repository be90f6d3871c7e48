using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Identity;

public static class IdentityRegistration
{
    /// <summary>How the gateway learns who a request's user is; the login cookie store is added only if the host has not registered one.</summary>
    public static IServiceCollection AddGatewayIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton<ILoginCookieStore, SqliteLoginCookieStore>();
        services.TryAddSingleton<LoginCookieRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<LoginCookieRegistry>());
        services.TryAddSingleton<JwtIdentityValidator>();
        services.AddHttpClient(JwtIdentityValidator.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<IdentityResolver>();
        services.TryAddSingleton<AppSessionTracker>();
        return services;
    }
}
