using MfaGateway.Audit;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Audit;

/// <summary>Audit writes leave the request path through a bounded, batching queue that loses nothing.</summary>
public sealed class AuditWriteQueueTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Events_queued_before_a_graceful_stop_are_all_in_the_database_after_it()
    {
        var store = new SqliteAuditStore(_database.Database);
        var queue = new AuditWriteQueue(store, NullLogger<AuditWriteQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);

        for (var i = 0; i < 2_000; i++)
        {
            await queue.EnqueueAsync(Event(i));
        }

        await queue.StopAsync(CancellationToken.None);

        var stored = await store.QueryAsync(new AuditQuery(PageSize: 1), CancellationToken.None);
        Assert.Equal(2_000, stored.Total);
    }

    [Fact]
    public async Task Queued_events_are_written_in_batches_in_the_order_they_were_recorded()
    {
        var store = new GatedStore();
        var queue = new AuditWriteQueue(store, NullLogger<AuditWriteQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);
        await queue.EnqueueAsync(Event(0));
        await store.FirstWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 1_000; i++)
        {
            await queue.EnqueueAsync(Event(i));
        }

        store.Release.SetResult();
        await queue.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 1_001).Select(i => $"{i}"), store.Written.Select(e => e.Detail["n"]));
        Assert.All(store.Batches, size => Assert.InRange(size, 1, AuditWriteQueue.MaxBatch));
        Assert.True(store.Batches.Count <= 1 + (1_000 / AuditWriteQueue.MaxBatch) + 1, $"{store.Batches.Count} batches for 1,001 events");
    }

    [Fact]
    public async Task A_full_queue_makes_the_recorder_wait_and_drops_nothing()
    {
        var store = new GatedStore();
        var queue = new AuditWriteQueue(store, NullLogger<AuditWriteQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);
        await queue.EnqueueAsync(Event(0));
        await store.FirstWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= AuditWriteQueue.Capacity; i++)
        {
            await queue.EnqueueAsync(Event(i));
        }

        var waiting = queue.EnqueueAsync(Event(AuditWriteQueue.Capacity + 1)).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted, "a full queue accepted an event without waiting");

        store.Release.SetResult();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await queue.StopAsync(CancellationToken.None);
        Assert.Equal(AuditWriteQueue.Capacity + 2, store.Written.Count);
    }

    [Fact]
    public async Task A_query_sees_every_event_recorded_before_it()
    {
        var store = new GatedStore();
        var queue = new AuditWriteQueue(store, NullLogger<AuditWriteQueue>.Instance);
        var reader = new FlushingAuditStore(store, queue);
        await queue.StartAsync(CancellationToken.None);
        await queue.EnqueueAsync(Event(0));

        var query = reader.QueryAsync(new AuditQuery(), CancellationToken.None);
        await Task.Delay(100);
        Assert.False(query.IsCompleted, "the query ran before the queued event was written");
        store.Release.SetResult();

        var page = await query.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["0"], page.Events.Select(e => e.Detail["n"]));
        await queue.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_running_writer_events_are_written_at_once()
    {
        var store = new SqliteAuditStore(_database.Database);
        var queue = new AuditWriteQueue(store, NullLogger<AuditWriteQueue>.Instance);

        await queue.EnqueueAsync(Event(1));
        await queue.StartAsync(CancellationToken.None);
        await queue.StopAsync(CancellationToken.None);
        await queue.EnqueueAsync(Event(2));

        var stored = await store.QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(["2", "1"], stored.Events.Select(e => e.Detail["n"]));
    }

    private static AuditEvent Event(int n) =>
        new(0, Now, "bank", "alice", AuditEventTypes.ChallengePassed, AuditOutcomes.Success, "127.0.0.1", "ua", new Dictionary<string, string> { ["n"] = $"{n}" });

    /// <summary>Holds its first write until released, as a stalled disk would; keeps what it was given.</summary>
    private sealed class GatedStore : IAuditStore
    {
        public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<AuditEvent> Written { get; } = [];

        public List<int> Batches { get; } = [];

        public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => AppendAsync([auditEvent], cancellationToken);

        public async Task AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
        {
            FirstWriteStarted.TrySetResult();
            await Release.Task;
            lock (Written)
            {
                Written.AddRange(auditEvents);
                Batches.Add(auditEvents.Count);
            }
        }

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
        {
            lock (Written)
            {
                return Task.FromResult(new AuditPage([.. Written], 1, 50, Written.Count));
            }
        }
    }
}
