using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Regulation;

public static class RegulationRegistration
{
    /// <summary>Bans after repeated wrong codes; the client ban store is added only if the host has not registered one.</summary>
    public static IServiceCollection AddGatewayRegulation(this IServiceCollection services)
    {
        services.TryAddSingleton<IClientRegulationStore, SqliteClientRegulationStore>();
        services.TryAddSingleton<CodeRegulation>();
        return services;
    }
}
