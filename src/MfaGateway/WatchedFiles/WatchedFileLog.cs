using MfaGateway.Observability;

namespace MfaGateway.WatchedFiles;

/// <summary>The watched-file log events (ids in <see cref="EventIds"/>, 7600-7699).</summary>
internal static partial class WatchedFileLog
{
    [LoggerMessage(EventId = EventIds.WatchedFileWatcherFailed, Level = LogLevel.Warning, Message = "{Name}: watching '{Path}' failed ({Error}); the file is re-read and watched again")]
    public static partial void WatcherError(ILogger logger, string name, string path, string error);

    [LoggerMessage(EventId = EventIds.WatchedFileUnwatchable, Level = LogLevel.Warning, Message = "{Name}: '{Path}' cannot be watched ({Error}); changes are picked up at the next start only")]
    public static partial void WatchUnavailable(ILogger logger, string name, string path, string error);
}
