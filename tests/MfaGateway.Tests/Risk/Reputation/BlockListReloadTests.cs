using System.Net;
using MfaGateway.Risk.Reputation;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Risk.Reputation;

public sealed class BlockListReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _root = new();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public BlockListReloadTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _root.Dispose();
    }

    private BlockList Load(string content, out string path)
    {
        path = _root.Write("tor.txt", content);
        var parsed = BlockListFile.TryRead(path, BlockListFormat.Auto, out var error);
        Assert.Null(error);
        return new BlockList(new BlockListSettings("tor-exits", path, BlockListFormat.Auto, parsed!.Set), TimeProvider.System, _loggerFactory.CreateLogger<BlockList>());
    }

    /// <summary>
    /// The first reload that <paramref name="matches"/>: a slow disk may let the watcher see a write
    /// half done, which is rejected or read short, before the final content arrives.
    /// </summary>
    private static Task<BlockListReload> NextReload(BlockList list, Func<BlockListReload, bool> matches)
    {
        var next = new TaskCompletionSource<BlockListReload>(TaskCreationOptions.RunContinuationsAsynchronously);
        list.Reloaded += outcome =>
        {
            if (matches(outcome))
            {
                next.TrySetResult(outcome);
            }
        };
        return next.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_changed_file_is_reread_and_swapped_in()
    {
        using var list = Load("185.220.101.1\n", out var path);
        list.StartWatching(TimeSpan.FromMilliseconds(100));
        var reloaded = NextReload(list, r => r.EntryCount == 2);

        await File.WriteAllTextAsync(path, "185.220.101.2\n2a0b:f4c2::/48\n");
        var outcome = await reloaded;

        Assert.True(outcome.Accepted);
        Assert.True(list.Version >= 1);
        Assert.False(list.Contains(IPAddress.Parse("185.220.101.1")));
        Assert.True(list.Contains(IPAddress.Parse("185.220.101.2")));
        Assert.True(list.Contains(IPAddress.Parse("2a0b:f4c2::99")));
    }

    [Fact]
    public async Task A_file_replaced_by_rename_is_reread()
    {
        using var list = Load("185.220.101.1\n", out var path);
        list.StartWatching(TimeSpan.FromMilliseconds(100));
        var reloaded = NextReload(list, r => r.Accepted);

        var staging = _root.Write("tor.txt.tmp", "185.220.101.3\n");
        File.Move(staging, path, overwrite: true);
        await reloaded;

        Assert.True(list.Contains(IPAddress.Parse("185.220.101.3")));
        Assert.False(list.Contains(IPAddress.Parse("185.220.101.1")));
    }

    [Fact]
    public async Task A_broken_file_keeps_the_last_good_list_and_logs_a_warning()
    {
        using var list = Load("185.220.101.1\n", out var path);
        list.StartWatching(TimeSpan.FromMilliseconds(100));
        var reloaded = NextReload(list, r => r.Error?.Contains("line 2", StringComparison.Ordinal) == true);

        await File.WriteAllTextAsync(path, "185.220.101.2\n185.220.101\n");
        var outcome = await reloaded;

        Assert.False(outcome.Accepted);
        Assert.Contains("line 2: '185.220.101'", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, list.Version);
        Assert.True(list.Contains(IPAddress.Parse("185.220.101.1")));
        Assert.False(list.Contains(IPAddress.Parse("185.220.101.2")));
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Block list tor-exits was not reloaded, the last good list stays in force", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zero_byte_file_is_taken_for_a_write_in_progress_but_a_comment_only_file_empties_the_list()
    {
        using var list = Load("185.220.101.1\n", out var path);

        File.WriteAllText(path, string.Empty);
        var truncated = list.Reload();
        File.WriteAllText(path, "# no exits today\n");
        var emptied = list.Reload();

        Assert.False(truncated.Accepted);
        Assert.Contains("is empty (still being written?)", truncated.Error, StringComparison.Ordinal);
        Assert.True(emptied.Accepted);
        Assert.True(list.Current.IsEmpty);
    }

    [Fact]
    public void A_deleted_file_keeps_the_last_good_list()
    {
        using var list = Load("185.220.101.1\n", out var path);
        File.Delete(path);

        var outcome = list.Reload();

        Assert.False(outcome.Accepted);
        Assert.Contains("not found", outcome.Error, StringComparison.Ordinal);
        Assert.True(list.Contains(IPAddress.Parse("185.220.101.1")));
    }

    [Fact]
    public async Task A_burst_of_writes_within_the_debounce_is_read_once_at_its_end()
    {
        using var list = Load("185.220.101.1\n", out var path);
        list.StartWatching(TimeSpan.FromMilliseconds(300));
        var reloaded = NextReload(list, _ => true);

        // Truncate-then-write in pieces, as shell redirection and many downloaders do.
        await using (var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.Read))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync("185.220.");
            await writer.FlushAsync();
            await writer.WriteAsync("101.7\n");
        }

        var outcome = await reloaded;

        Assert.True(outcome.Accepted);
        Assert.True(list.Contains(IPAddress.Parse("185.220.101.7")));
    }
}
