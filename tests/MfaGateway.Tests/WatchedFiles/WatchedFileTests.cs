using System.Diagnostics;
using MfaGateway.WatchedFiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.WatchedFiles;

/// <summary>
/// The one watched-file abstraction behind the config file, the block lists and the GeoIP databases, on real
/// files and a real file system watcher, with the debounce on a <see cref="FakeTimeProvider"/>. The reader
/// used here accepts a file only when its last line is "end", as a stand-in for a format that can tell a
/// complete file from a half-written one (JSON, a block list, a MaxMind DB file all can).
/// </summary>
public sealed class WatchedFileTests : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-watched-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly List<WatchedFileOutcome> _outcomes = [];
    private int _reads;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_atomic_replace_is_loaded()
    {
        using var file = Watch("one\nend\n");

        var temporary = PathOf("value.txt.tmp");
        await File.WriteAllTextAsync(temporary, "two\nend\n");
        File.Move(temporary, PathOf("value.txt"), overwrite: true);

        await AdvanceUntil(() => file.Current == "two");
        Assert.Equal(WatchedFileStatus.Loaded, file.LastOutcome?.Status);
        Assert.Equal(1, file.Version);
    }

    [Fact]
    public async Task A_half_written_file_keeps_the_last_good_value_and_the_completed_file_then_loads()
    {
        using var file = Watch("one\nend\n");

        // Truncate, then write in two steps, as `cat new > file` or a download does.
        await using (var stream = new FileStream(PathOf("value.txt"), FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
            await stream.WriteAsync("tw"u8.ToArray());
            await stream.FlushAsync();
            await AdvanceUntil(() => Outcomes().Any(o => o.Status == WatchedFileStatus.KeptLastGood));
            Assert.Equal("one", file.Current);
            Assert.Contains("incomplete", Outcomes().First(o => o.Status == WatchedFileStatus.KeptLastGood).Reason, StringComparison.Ordinal);

            await stream.WriteAsync("o\nend\n"u8.ToArray());
        }

        await AdvanceUntil(() => file.Current == "two");
        Assert.Equal(1, file.Version);
    }

    [Fact]
    public async Task A_deleted_file_is_reported_missing_and_loads_again_when_restored()
    {
        using var file = Watch("one\nend\n");

        File.Delete(PathOf("value.txt"));
        await AdvanceUntil(() => Outcomes().Any(o => o.Status == WatchedFileStatus.Missing));
        Assert.Equal("one", file.Current);
        Assert.Contains("not found", Outcomes().Last().Reason, StringComparison.Ordinal);

        await File.WriteAllTextAsync(PathOf("value.txt"), "two\nend\n");
        await AdvanceUntil(() => file.Current == "two");
        Assert.Equal(WatchedFileStatus.Loaded, file.LastOutcome?.Status);
    }

    [Fact]
    public async Task A_watcher_error_rereads_the_file_and_keeps_watching()
    {
        // The file on disk is already newer than the value in force, and no event will say so: as when a
        // watcher's buffer overflowed and the change's event was lost.
        File.WriteAllText(PathOf("value.txt"), "two\nend\n");
        using var file = new WatchedFile<string>(PathOf("value.txt"), "one", ReadCounted, new WatchedFileOptions("test", Debounce), _time, NullLogger.Instance);
        file.StartWatching();

        file.OnWatcherError(new InternalBufferOverflowException("too many changes at once"));
        _time.Advance(Debounce);

        Assert.Equal(1, _reads);
        Assert.Equal("two", file.Current);
        Assert.True(file.Watching);

        // And the replaced watcher still reports changes.
        await File.WriteAllTextAsync(PathOf("value.txt"), "three\nend\n");
        await AdvanceUntil(() => file.Current == "three");
    }

    [Fact]
    public void A_burst_of_changes_is_read_once_after_the_quiet_period()
    {
        using var file = Watched("one\nend\n");
        File.WriteAllText(PathOf("value.txt"), "two\nend\n");

        for (var i = 0; i < 20; i++)
        {
            file.SignalChange();
            _time.Advance(Debounce / 4);
        }

        Assert.Equal(0, _reads);
        _time.Advance(Debounce);

        Assert.Equal(1, _reads);
        Assert.Equal("two", file.Current);
        _time.Advance(Debounce * 10);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void A_reader_that_throws_keeps_the_last_good_value()
    {
        using var file = new WatchedFile<string>(
            PathOf("value.txt"), "one", _ => throw new InvalidOperationException("reader bug"), new WatchedFileOptions("test", Debounce), _time, NullLogger.Instance);
        File.WriteAllText(PathOf("value.txt"), "two\nend\n");

        var outcome = file.Reload();

        Assert.Equal(WatchedFileStatus.KeptLastGood, outcome.Status);
        Assert.Equal("InvalidOperationException: reader bug", outcome.Reason);
        Assert.Equal("one", file.Current);
    }

    [Fact]
    public void A_load_hands_over_the_replaced_value_once()
    {
        using var file = Watched("one\nend\n");
        var replaced = new List<string>();
        file.Replaced += replaced.Add;
        File.WriteAllText(PathOf("value.txt"), "two\nend\n");

        file.Reload();
        file.Reload();

        Assert.Equal(["one", "two"], replaced);
    }

    private WatchedFile<string> Watch(string content)
    {
        var file = Watched(content);
        file.StartWatching();
        return file;
    }

    private WatchedFile<string> Watched(string content)
    {
        File.WriteAllText(PathOf("value.txt"), content);
        var file = new WatchedFile<string>(PathOf("value.txt"), Read(PathOf("value.txt")).Value!, ReadCounted, new WatchedFileOptions("test", Debounce), _time, NullLogger.Instance);
        file.Reloaded += outcome =>
        {
            lock (_outcomes)
            {
                _outcomes.Add(outcome);
            }
        };
        return file;
    }

    private WatchedFileRead<string> ReadCounted(string path)
    {
        Interlocked.Increment(ref _reads);
        return Read(path);
    }

    private static WatchedFileRead<string> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        return lines is [.., "end"]
            ? WatchedFileRead<string>.Accepted(string.Join('\n', lines[..^1]))
            : WatchedFileRead<string>.Refused($"'{path}' is incomplete (no end line)");
    }

    private string PathOf(string name) => Path.Combine(_directory, name);

    private List<WatchedFileOutcome> Outcomes()
    {
        lock (_outcomes)
        {
            return [.. _outcomes];
        }
    }

    /// <summary>
    /// File events arrive on their own thread whenever the OS delivers them; the debounce then runs on the
    /// fake clock, so the clock is moved past the debounce until the condition holds.
    /// </summary>
    private async Task AdvanceUntil(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, $"not within {Patience.TotalSeconds} s of wall-clock time");
            await Task.Delay(50);
            _time.Advance(Debounce);
        }
    }
}
