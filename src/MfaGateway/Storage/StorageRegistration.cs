using MfaGateway.Storage.InMemory;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Storage;

/// <summary>
/// The embedded database, the user store and the ephemeral store. Each is added only if the host has
/// not registered its own, so a host (or a test) replaces one by registering it first.
/// </summary>
public static class StorageRegistration
{
    public const string DatabaseFileName = "gateway.db";

    public static IServiceCollection AddGatewayStorage(this IServiceCollection services, string dataDirectory)
    {
        services.TryAddSingleton(provider => new SqliteDatabase(Path.Combine(dataDirectory, DatabaseFileName), provider.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<IEphemeralStore, InMemoryEphemeralStore>();
        return services;
    }
}
