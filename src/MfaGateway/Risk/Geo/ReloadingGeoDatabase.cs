using System.Net;
using MfaGateway.Protocols.Geo;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// One configured database file, replaced in memory when the file changes on disk. A change is acted on
/// after a quiet <see cref="Debounce"/> (copies and downloads write in several steps); a file that does
/// not open or has the wrong record shape is logged and the previous database stays in use.
/// </summary>
internal sealed class ReloadingGeoDatabase : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(2);

    private readonly GeoDatabaseSource source;
    private readonly ILogger logger;
    private readonly ITimer timer;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock reloadGate = new();
    private GeoDatabase current;
    private GeoDatabase? lastReportedCorrupt;

    public ReloadingGeoDatabase(GeoDatabaseSource source, ILogger logger, TimeProvider time)
    {
        this.source = source;
        this.logger = logger;
        current = source.Database;
        timer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            // The whole directory is watched: replacing a file by rename reports the new name, which a
            // name filter could miss, and the directory is expected to hold little else.
            watcher = new FileSystemWatcher(Path.GetDirectoryName(source.Path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += (_, _) => ScheduleReload();
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException)
        {
            GeoLog.WatchFailed(logger, source.ConfigKey, source.Path, exception);
            watcher?.Dispose();
            watcher = null;
        }
    }

    public GeoDatabase Current => Volatile.Read(ref current);

    /// <summary>Runs a lookup; a corrupted spot in the file means "unknown", logged once per loaded file.</summary>
    public TResult? Lookup<TResult>(IPAddress address, Func<GeoDatabase, IPAddress, TResult?> lookup)
        where TResult : struct
    {
        var database = Current;
        try
        {
            return lookup(database, address);
        }
        catch (MmdbFormatException exception)
        {
            if (Interlocked.Exchange(ref lastReportedCorrupt, database) != database)
            {
                GeoLog.LookupFailed(logger, source.ConfigKey, source.Path, exception.Problem ?? exception.Message);
            }

            return null;
        }
    }

    /// <summary>Loads the file now; called by the debounce timer.</summary>
    public void Reload()
    {
        lock (reloadGate)
        {
            var database = GeoDatabaseCheck.TryOpen(source.Path, source.Role, out var problem);
            if (database is null)
            {
                GeoLog.ReloadRejected(logger, source.ConfigKey, problem ?? "unknown problem");
                return;
            }

            // Readers hold memory only, no file handle or mapping: lookups still running on the old one
            // finish safely, and the garbage collector frees it after the last of them. Nothing to dispose.
            Volatile.Write(ref current, database);
            GeoLog.Reloaded(logger, source.ConfigKey, source.Path, database.DatabaseType, database.Reader.Metadata.BuildTime);
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        timer.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (string.Equals(e.FullPath, source.Path, StringComparison.Ordinal))
        {
            ScheduleReload();
        }
    }

    private void ScheduleReload() => timer.Change(Debounce, Timeout.InfiniteTimeSpan);
}
