using MfaGateway.Configuration;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Validation;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Hosting;

/// <summary>
/// The start-up step that prepares durable storage before the gateway listens: the data directory,
/// the database file and its schema. A failure is reported like a configuration error, under the key
/// the operator fixes, instead of surfacing as a 500 on the first sign-in.
/// </summary>
public static class DatabaseStartup
{
    public const string ConfigKey = "Gateway:DataDirectory";

    /// <returns>Null when the database is ready, else the error to list.</returns>
    public static ConfigError? Prepare(IServiceProvider services)
    {
        var startup = services.GetRequiredService<StartupSettings>();
        try
        {
            OwnerOnlyFiles.CreateDirectory(startup.DataDirectory);
            services.GetRequiredService<SqliteDatabase>().Migrate();
            return null;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or DatabaseFromNewerVersionException)
        {
            return new ConfigError(ConfigKey, $"the database in '{startup.DataDirectory}' cannot be used: {ex.Message}");
        }
    }
}
