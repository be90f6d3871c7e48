using MfaGateway.Observability;

namespace MfaGateway.Risk.Geo;

/// <summary>The geolocation log events (7100-7199).</summary>
internal static partial class GeoLog
{
    [LoggerMessage(EventId = EventIds.GeoDatabaseReloaded, Level = LogLevel.Information, Message = "{ConfigKey}: reloaded '{Path}' ({DatabaseType}, built {BuildTime:yyyy-MM-dd})")]
    public static partial void Reloaded(ILogger logger, string configKey, string path, string databaseType, DateTime buildTime);

    [LoggerMessage(EventId = EventIds.GeoDatabaseReloadRejected, Level = LogLevel.Warning, Message = "{ConfigKey}: the changed file was not loaded, the previous database stays in use: {Problem}")]
    public static partial void ReloadRejected(ILogger logger, string configKey, string problem);

    [LoggerMessage(EventId = EventIds.GeoLookupFailed, Level = LogLevel.Warning, Message = "{ConfigKey}: lookups fail on a corrupted part of '{Path}' and answer 'not found' there: {Problem}")]
    public static partial void LookupFailed(ILogger logger, string configKey, string path, string problem);
}
