using MfaGateway.Configuration;
using MfaGateway.Observability;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Web;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Hosting;

/// <summary>
/// <c>GET {prefix}/health</c>: 200 when the gateway can serve a sign-in (a configuration in force and
/// its database answering), 503 otherwise. Says nothing about users, routes or upstreams.
/// </summary>
public static partial class HealthEndpoint
{
    public static void MapGatewayHealth(this IEndpointRouteBuilder app, GatewayPaths paths) =>
        app.MapGet(paths.Health, Check).WithOrder(GatewayEndpoints.Order);

    private static async Task<IResult> Check(GatewayConfigMonitor config, SqliteDatabase database, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        _ = config.Current;
        try
        {
            await using var connection = database.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            LogDatabaseUnhealthy(loggers.CreateLogger(typeof(HealthEndpoint)), ex);
            return Results.Json(new { status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(new { status = "healthy" });
    }

    [LoggerMessage(EventId = EventIds.DatabaseUnhealthy, Level = LogLevel.Error, Message = "Health check failed: the database does not answer")]
    private static partial void LogDatabaseUnhealthy(ILogger logger, Exception exception);
}
