namespace MfaGateway.WatchedFiles;

/// <summary>
/// A value read from a file that is re-read when the file changes: the config file, block lists and
/// GeoIP databases. A change is acted on after <see cref="WatchedFileOptions.Debounce"/> of quiet,
/// because copies, editors and downloads write in several steps; a read that the reader refuses (a
/// half-written or malformed file) or a missing file leaves the last good value in force, and the next
/// change is read again. Safe for concurrent use: <see cref="Current"/> is one reference read.
/// </summary>
public sealed class WatchedFile<T> : IDisposable
    where T : class
{
    private readonly Func<string, WatchedFileRead<T>> _read;
    private readonly WatchedFileOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _reloadGate = new();
    private readonly Lock _watchGate = new();
    private readonly ITimer _debounce;
    private FileSystemWatcher? _watcher;
    private T _current;
    private int _version;
    private bool _disposed;
    private TimeSpan _quietPeriod;

    /// <param name="fullPath">The file; its folder is watched, so the file may come and go.</param>
    /// <param name="initial">The value in force until a change is loaded (read and checked at start-up by the owner).</param>
    /// <param name="read">Reads and checks the file; a refusal keeps the last good value. Exceptions count as refusals.</param>
    public WatchedFile(string fullPath, T initial, Func<string, WatchedFileRead<T>> read, WatchedFileOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        FullPath = Path.GetFullPath(fullPath);
        _current = initial;
        _read = read;
        _options = options;
        _quietPeriod = options.Debounce;
        _logger = logger;
        _debounce = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised after every read, accepted or not: owners log it in their own words, tests await it.</summary>
    public event Action<WatchedFileOutcome>? Reloaded;

    /// <summary>The value replaced by a load, handed over once no reader can get it from <see cref="Current"/> any more.</summary>
    public event Action<T>? Replaced;

    public string FullPath { get; }

    public T Current => Volatile.Read(ref _current);

    /// <summary>Accepted loads since start; the initial value is version 0.</summary>
    public int Version => Volatile.Read(ref _version);

    public WatchedFileOutcome? LastOutcome { get; private set; }

    /// <summary>True while a file system watcher reports changes (false before <see cref="StartWatching"/>, or where watching is impossible).</summary>
    public bool Watching => Volatile.Read(ref _watcher) is not null;

    /// <summary>Starts reacting to changes of the file. Calling it again does nothing.</summary>
    /// <param name="debounce">Replaces <see cref="WatchedFileOptions.Debounce"/> (tests use a short one).</param>
    public void StartWatching(TimeSpan? debounce = null)
    {
        lock (_watchGate)
        {
            if (_watcher is null && !_disposed)
            {
                _quietPeriod = debounce ?? _options.Debounce;
                _watcher = CreateWatcher();
            }
        }
    }

    /// <summary>Reads the file now (the debounce timer calls this; so may an operator command or a test).</summary>
    public WatchedFileOutcome Reload()
    {
        WatchedFileOutcome outcome;
        T? replaced = null;
        lock (_reloadGate)
        {
            var read = ReadFile();
            if (read.Value is { } value)
            {
                replaced = Interlocked.Exchange(ref _current, value);
                outcome = new WatchedFileOutcome(FullPath, WatchedFileStatus.Loaded, [], Interlocked.Increment(ref _version));
            }
            else
            {
                outcome = new WatchedFileOutcome(
                    FullPath,
                    read.IsMissing ? WatchedFileStatus.Missing : WatchedFileStatus.KeptLastGood,
                    read.Problems,
                    Version);
            }

            LastOutcome = outcome;
        }

        if (replaced is not null)
        {
            Replaced?.Invoke(replaced);
        }

        Reloaded?.Invoke(outcome);
        return outcome;
    }

    public void Dispose()
    {
        lock (_watchGate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }

        _debounce.Dispose();
    }

    /// <summary>A change was seen: (re)starts the quiet period, so a burst of writes gives one read.</summary>
    internal void SignalChange() => _debounce.Change(_quietPeriod, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// The watcher failed (its buffer overflowed, or the folder went away): events may have been lost, so
    /// the file is read again after the quiet period and the watcher is replaced, rather than stopping silently.
    /// </summary>
    internal void OnWatcherError(Exception error)
    {
        WatchedFileLog.WatcherError(_logger, _options.Name, FullPath, error.Message);
        lock (_watchGate)
        {
            if (!_disposed)
            {
                _watcher?.Dispose();
                _watcher = CreateWatcher();
            }
        }

        SignalChange();
    }

    private WatchedFileRead<T> ReadFile()
    {
        if (!File.Exists(FullPath))
        {
            return WatchedFileRead<T>.Missing(FullPath);
        }

        try
        {
            return _read(FullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return WatchedFileRead<T>.Missing(FullPath);
        }
        catch (Exception e)
        {
            // A reader that throws must not take the timer thread (and the process) down, nor leave a bad value in force.
            return WatchedFileRead<T>.Refused($"{e.GetType().Name}: {e.Message}");
        }
    }

    private FileSystemWatcher? CreateWatcher()
    {
        var directory = Path.GetDirectoryName(FullPath)!;
        try
        {
            // The folder is watched, not the file: an atomic replace (write a temporary file, rename it over)
            // gives the path a new inode, which a watch on the file itself would miss, and a deleted file can
            // come back.
            var watcher = new FileSystemWatcher(directory, Path.GetFileName(FullPath))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            FileSystemEventHandler changed = (_, _) => SignalChange();
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => SignalChange();
            watcher.Error += (_, e) => OnWatcherError(e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            WatchedFileLog.WatchUnavailable(_logger, _options.Name, FullPath, e.Message);
            return null;
        }
    }
}
