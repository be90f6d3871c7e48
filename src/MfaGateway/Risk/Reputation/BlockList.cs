using System.Net;
using MfaGateway.Observability;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// One block list at run time. Feeds are refreshed by cron jobs while the gateway runs, so the file is
/// watched and re-read; the parsed set is swapped in one reference write, and a file that fails to
/// read or parse leaves the last good set in force.
/// </summary>
public sealed partial class BlockList : IDisposable
{
    /// <summary>Writers often truncate then write in pieces; waiting lets the burst of events settle.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(250);

    private readonly Lock _reloadGate = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private volatile IpRangeSet _set;
    private int _version;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;

    public BlockList(BlockListSettings settings, TimeProvider time, ILogger<BlockList> logger)
    {
        Settings = settings;
        _time = time;
        _logger = logger;
        _set = settings.Initial;
        Verdict = ReputationVerdict.SuspiciousBecause($"listed in {settings.Name}");
    }

    /// <summary>Raised after every reload attempt, accepted or not; tests await it instead of sleeping.</summary>
    public event Action<BlockListReload>? Reloaded;

    public BlockListSettings Settings { get; }

    public string Name => Settings.Name;

    /// <summary>Counts accepted reloads; the start-up set is version 0.</summary>
    public int Version => Volatile.Read(ref _version);

    public IpRangeSet Current => _set;

    /// <summary>Prepared once so a hit does not allocate a verdict.</summary>
    internal ReputationVerdict Verdict { get; }

    public bool Contains(IPAddress address) => _set.Contains(address);

    /// <summary>Starts re-reading the file when it changes, after <paramref name="debounce"/> of quiet.</summary>
    public void StartWatching(TimeSpan? debounce = null)
    {
        if (_watcher is not null)
        {
            return;
        }

        var delay = debounce ?? DefaultDebounce;
        var directory = Path.GetDirectoryName(Settings.FullPath)!;
        var fileName = Path.GetFileName(Settings.FullPath);
        _debounceTimer = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // The directory is watched, not the file: an atomic replace (write elsewhere, rename over)
        // swaps the file's inode, which a watch on the file itself would miss.
        _watcher = new FileSystemWatcher(directory, fileName)
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler changed = (_, e) => ScheduleIfOurs(e.FullPath, delay);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Renamed += (_, e) => ScheduleIfOurs(e.FullPath, delay);
        _watcher.Error += (_, e) =>
        {
            LogWatcherError(_logger, Name, e.GetException().Message);
            _debounceTimer.Change(delay, Timeout.InfiniteTimeSpan);
        };
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Re-reads the file now; the watcher calls this, and so may an operator command.</summary>
    public BlockListReload Reload()
    {
        BlockListReload outcome;
        lock (_reloadGate)
        {
            var parsed = BlockListFile.TryRead(Settings.FullPath, Settings.Format, out var error);

            // A writer that truncates before writing shows the watcher an empty file first; taking it
            // would drop the whole list for a moment. An operator who empties a list on purpose can
            // leave a comment in it.
            if (parsed is { EntryCount: 0 } && error is null && IsZeroBytes(Settings.FullPath))
            {
                error = $"'{Settings.FullPath}' is empty (still being written?); to empty the list on purpose, leave a comment line in it";
            }

            if (parsed is null || error is not null)
            {
                outcome = new BlockListReload(Name, false, 0, Version, error);
                LogReloadRejected(_logger, Name, error ?? "unreadable");
            }
            else
            {
                _set = parsed.Set;
                var version = Interlocked.Increment(ref _version);
                outcome = new BlockListReload(Name, true, parsed.EntryCount, version, null);
                LogReloaded(_logger, Name, parsed.EntryCount, parsed.Set.IntervalCount);
            }
        }

        Reloaded?.Invoke(outcome);
        return outcome;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounceTimer?.Dispose();
    }

    private static bool IsZeroBytes(string path)
    {
        try
        {
            return new FileInfo(path).Length == 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void ScheduleIfOurs(string changedPath, TimeSpan delay)
    {
        if (string.Equals(changedPath, Settings.FullPath, StringComparison.Ordinal))
        {
            _debounceTimer?.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(EventId = EventIds.BlockListReloaded, Level = LogLevel.Information, Message = "Block list {Name} reloaded: {EntryCount} entries in {IntervalCount} ranges")]
    private static partial void LogReloaded(ILogger logger, string name, int entryCount, int intervalCount);

    [LoggerMessage(EventId = EventIds.BlockListReloadRejected, Level = LogLevel.Warning, Message = "Block list {Name} was not reloaded, the last good list stays in force: {Error}")]
    private static partial void LogReloadRejected(ILogger logger, string name, string error);

    [LoggerMessage(EventId = EventIds.BlockListWatchFailed, Level = LogLevel.Warning, Message = "Watching block list {Name} failed ({Error}); re-reading it")]
    private static partial void LogWatcherError(ILogger logger, string name, string error);
}
