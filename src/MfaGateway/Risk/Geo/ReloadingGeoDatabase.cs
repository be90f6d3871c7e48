using System.Net;
using MfaGateway.WatchedFiles;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// One configured database file, replaced in memory when the file changes on disk (through
/// <see cref="WatchedFile{T}"/>): a replacement that <see cref="GeoDatabaseLoader"/> refuses is logged and
/// the previous database stays in use; a replaced database is disposed after its last lookup.
/// Lookups never throw: a failing one is logged (once per loaded file) and answers "not found".
/// </summary>
public sealed class ReloadingGeoDatabase : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(2);

    private readonly GeoDatabaseSource _source;
    private readonly ILogger _logger;
    private readonly WatchedFile<GeoDatabase> _file;
    private GeoDatabase? _lastReportedFailing;

    public ReloadingGeoDatabase(GeoDatabaseSource source, ILogger logger, TimeProvider time, bool watch = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(logger);
        _source = source;
        _logger = logger;
        _file = new WatchedFile<GeoDatabase>(source.Path, source.Database, Read, new WatchedFileOptions(source.ConfigKey, Debounce), time, logger);
        _file.Reloaded += OnReloaded;
        _file.Replaced += database => database.Retire();
        if (watch)
        {
            _file.StartWatching();
        }
    }

    /// <summary>Raised after every reload attempt; tests await it.</summary>
    public event Action<WatchedFileOutcome>? Reloaded;

    public GeoDatabase Current => _file.Current;

    public GeoPlace? Place(IPAddress address) => _source.Role == GeoDatabaseRole.Asn
        ? Lookup(address, static (database, a) => GeoRecords.Place(database.Find<AsnRecord>(a)))
        : Lookup(address, static (database, a) => GeoRecords.Place(database.Find<CityRecord>(a)));

    public Reputation.AnonymousIpFlags Flags(IPAddress address) =>
        Lookup(address, static (database, a) => (Reputation.AnonymousIpFlags?)GeoRecords.Flags(database.Find<AnonymousIpRecord>(a))) ?? Reputation.AnonymousIpFlags.None;

    /// <summary>Loads the file now; the debounce timer calls this, and so may a test.</summary>
    public WatchedFileOutcome Reload() => _file.Reload();

    public void Dispose()
    {
        _file.Dispose();
        _file.Current.Retire();
    }

    private TResult? Lookup<TResult>(IPAddress address, Func<GeoDatabase, IPAddress, TResult?> lookup)
    {
        // A database retired between reading Current and entering it hands over to its successor.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var database = _file.Current;
            if (!database.TryEnter())
            {
                continue;
            }

            try
            {
                return lookup(database, address);
            }
            catch (Exception exception)
            {
                // Fail closed: the caller treats "not found" as "unlocated" (no place, no hosting network,
                // no flags), never as an error page and never as a reason to allow what a check would refuse.
                if (Interlocked.Exchange(ref _lastReportedFailing, database) != database)
                {
                    GeoLog.LookupFailed(_logger, _source.ConfigKey, _source.Path, $"{exception.GetType().Name}: {exception.Message}");
                }

                return default;
            }
            finally
            {
                database.Exit();
            }
        }

        return default;
    }

    private WatchedFileRead<GeoDatabase> Read(string path)
    {
        var database = GeoDatabaseLoader.TryOpen(path, _source.Role, out var problem, out var missing);
        return database is not null ? WatchedFileRead<GeoDatabase>.Accepted(database)
            : missing ? WatchedFileRead<GeoDatabase>.Missing(path)
            : WatchedFileRead<GeoDatabase>.Refused(problem ?? "unusable");
    }

    private void OnReloaded(WatchedFileOutcome outcome)
    {
        if (outcome.Loaded)
        {
            var database = _file.Current;
            GeoLog.Reloaded(_logger, _source.ConfigKey, _source.Path, database.DatabaseType, database.BuildDate);
        }
        else
        {
            GeoLog.ReloadRejected(_logger, _source.ConfigKey, outcome.Reason ?? "unusable");
        }

        Reloaded?.Invoke(outcome);
    }
}
