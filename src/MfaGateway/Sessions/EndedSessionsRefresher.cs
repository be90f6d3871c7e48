using MfaGateway.Observability;
using MfaGateway.Storage;

namespace MfaGateway.Sessions;

/// <summary>
/// Keeps <see cref="EndedSessions"/> in step with the store: everything at start-up (so a restart
/// forgets no end), then every <see cref="RefreshInterval"/> whatever other processes ended (the
/// command line beside a running gateway, other instances). Expired ends are pruned on the way.
/// </summary>
public sealed partial class EndedSessionsRefresher(
    ISessionEndStore store,
    EndedSessions ended,
    TimeProvider time,
    ILogger<EndedSessionsRefresher> logger) : IHostedService, IDisposable
{
    /// <summary>How soon an end made in another process takes effect here.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    /// <summary>Pruning writes to the store, so it runs far less often than the refresh.</summary>
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private long _lastSequence;
    private DateTimeOffset _lastPrune;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var epoch in await store.ListEpochsAsync(cancellationToken))
        {
            ended.Apply(epoch);
        }

        await RefreshAsync(cancellationToken);
        _lastPrune = time.GetUtcNow();
        _loop = RunAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Reads the ends recorded since the last refresh; safe to call at any time.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var end in await store.ListSinceAsync(Interlocked.Read(ref _lastSequence), time.GetUtcNow(), cancellationToken))
        {
            ended.Apply(end);
            InterlockedMax(ref _lastSequence, end.Sequence);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await TickAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task TickAsync(CancellationToken stopping)
    {
        try
        {
            await RefreshAsync(stopping);
            var now = time.GetUtcNow();
            ended.ForgetExpired(now);
            if (now - _lastPrune >= PruneInterval)
            {
                _lastPrune = now;
                await store.PruneAsync(now, stopping);
            }
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            // The ends known so far stay in force; the next tick tries again.
            LogRefreshFailed(logger, ex);
        }
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [LoggerMessage(EventId = EventIds.EndedSessionsRefreshFailed, Level = LogLevel.Warning, Message = "Ended sessions could not be read from the store; the ones already known stay ended")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
