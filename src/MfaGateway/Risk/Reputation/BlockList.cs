using System.Net;
using MfaGateway.Observability;
using MfaGateway.WatchedFiles;

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

    private readonly ILogger _logger;
    private readonly WatchedFile<LoadedList> _file;

    public BlockList(BlockListSettings settings, TimeProvider time, ILogger<BlockList> logger)
    {
        Settings = settings;
        _logger = logger;
        Verdict = ReputationVerdict.SuspiciousBecause($"listed in {settings.Name}");
        _file = new WatchedFile<LoadedList>(
            settings.FullPath,
            new LoadedList(settings.Initial, 0),
            ReadList,
            new WatchedFileOptions($"Block list {settings.Name}", DefaultDebounce),
            time,
            logger);
        _file.Reloaded += OnReloaded;
    }

    /// <summary>Raised after every reload attempt, accepted or not; tests await it instead of sleeping.</summary>
    public event Action<BlockListReload>? Reloaded;

    public BlockListSettings Settings { get; }

    public string Name => Settings.Name;

    /// <summary>Counts accepted reloads; the start-up set is version 0.</summary>
    public int Version => _file.Version;

    public IpRangeSet Current => _file.Current.Set;

    /// <summary>Prepared once so a hit does not allocate a verdict.</summary>
    internal ReputationVerdict Verdict { get; }

    public bool Contains(IPAddress address) => _file.Current.Set.Contains(address);

    /// <summary>Starts re-reading the file when it changes, after <paramref name="debounce"/> of quiet.</summary>
    public void StartWatching(TimeSpan? debounce = null) => _file.StartWatching(debounce);

    /// <summary>Re-reads the file now; the watcher calls this, and so may an operator command.</summary>
    public BlockListReload Reload() => Describe(_file.Reload());

    public void Dispose() => _file.Dispose();

    private WatchedFileRead<LoadedList> ReadList(string fullPath)
    {
        var parsed = BlockListFile.TryRead(fullPath, Settings.Format, out var error);

        // A writer that truncates before writing shows the watcher an empty file first; taking it
        // would drop the whole list for a moment. An operator who empties a list on purpose can
        // leave a comment in it.
        if (parsed is { EntryCount: 0 } && error is null && IsZeroBytes(fullPath))
        {
            error = $"'{fullPath}' is empty (still being written?); to empty the list on purpose, leave a comment line in it";
        }

        if (parsed is null || error is not null)
        {
            return WatchedFileRead<LoadedList>.Refused(error ?? "unreadable");
        }

        LogReloaded(_logger, Name, parsed.EntryCount, parsed.Set.IntervalCount);
        return WatchedFileRead<LoadedList>.Accepted(new LoadedList(parsed.Set, parsed.EntryCount));
    }

    private void OnReloaded(WatchedFileOutcome outcome)
    {
        if (!outcome.Loaded)
        {
            LogReloadRejected(_logger, Name, outcome.Reason ?? "unreadable");
        }

        Reloaded?.Invoke(Describe(outcome));
    }

    private BlockListReload Describe(WatchedFileOutcome outcome) => outcome.Loaded
        ? new BlockListReload(Name, true, _file.Current.EntryCount, outcome.Version, null)
        : new BlockListReload(Name, false, 0, outcome.Version, outcome.Reason);

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

    [LoggerMessage(EventId = EventIds.BlockListReloaded, Level = LogLevel.Information, Message = "Block list {Name} reloaded: {EntryCount} entries in {IntervalCount} ranges")]
    private static partial void LogReloaded(ILogger logger, string name, int entryCount, int intervalCount);

    [LoggerMessage(EventId = EventIds.BlockListReloadRejected, Level = LogLevel.Warning, Message = "Block list {Name} was not reloaded, the last good list stays in force: {Error}")]
    private static partial void LogReloadRejected(ILogger logger, string name, string error);

    /// <summary>The parsed set with the number of entries it came from, swapped in as one reference.</summary>
    private sealed record LoadedList(IpRangeSet Set, int EntryCount);
}
