using System.Threading.Channels;
using MfaGateway.Observability;

namespace MfaGateway.Audit;

/// <summary>
/// Takes audit writes off the request path: events wait in a bounded queue and one writer stores them
/// in batches, one transaction each, so a sign-in does not wait for a disk commit of its own. Nothing
/// is dropped: a full queue makes the recorder wait (back-pressure), a stopping gateway writes out
/// what is queued, an event recorded after the stop (or with no writer started, as by the
/// command line) is written at once, and an event the store
/// refuses is logged with its type and user.
/// </summary>
public sealed partial class AuditWriteQueue(IAuditStore store, ILogger<AuditWriteQueue> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>A few seconds of sign-ins at full speed: far more than one disk stall, and a bound on memory.</summary>
    public const int Capacity = 10_000;

    /// <summary>Per transaction: large enough that commits stop mattering, small enough to keep a batch quick.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<AuditEvent> _queue = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];
    private long _enqueued;
    private long _settled;
    private Task? _writer;

    /// <summary>Returns once the event is queued (at once, unless the queue is full).</summary>
    public async ValueTask EnqueueAsync(AuditEvent auditEvent)
    {
        if (Volatile.Read(ref _writer) is null)
        {
            // Not started as a hosted service (the command line builds the gateway's services and
            // never runs them): nothing would write the queue, so the event is written now.
            await WriteAsync([auditEvent]);
            return;
        }

        Interlocked.Increment(ref _enqueued);
        try
        {
            if (!_queue.Writer.TryWrite(auditEvent))
            {
                await _queue.Writer.WriteAsync(auditEvent);
            }
        }
        catch (ChannelClosedException)
        {
            // The gateway is stopping and the writer has finished: this one is written directly.
            await WriteAsync([auditEvent]);
            Settle(1);
        }
    }

    /// <summary>Completes when every event queued before the call is stored (or its failure logged).</summary>
    public Task FlushAsync()
    {
        var target = Interlocked.Read(ref _enqueued);
        lock (_gate)
        {
            if (_settled >= target)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((target, done));
            return done.Task;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _writer, Task.Run(WriteQueuedAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>Writes out everything queued; if the host gives up waiting, says how much was left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is null)
        {
            return;
        }

        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogStoppedWithBacklog(logger, _queue.Reader.Count);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task WriteQueuedAsync()
    {
        var batch = new List<AuditEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteAsync(batch);
            Settle(batch.Count);
            batch.Clear();
        }
    }

    private async Task WriteAsync(IReadOnlyList<AuditEvent> batch)
    {
        try
        {
            await store.AppendAsync(batch, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            // Not retried in a loop: a store that refuses would hold every later event back. Each lost
            // event is named in the log, which is where an operator looks when the store fails.
            foreach (var lost in batch)
            {
                LogAuditWriteFailed(logger, lost.Type, lost.Realm, lost.User, ex);
            }
        }
    }

    private void Settle(int count)
    {
        lock (_gate)
        {
            _settled += count;
            for (var i = _flushes.Count - 1; i >= 0; i--)
            {
                if (_flushes[i].Target <= _settled)
                {
                    _flushes[i].Done.TrySetResult();
                    _flushes.RemoveAt(i);
                }
            }
        }
    }

    [LoggerMessage(EventId = EventIds.AuditWriteFailed, Level = LogLevel.Error, Message = "Audit event {Type} for {User} of realm {Realm} could not be written")]
    private static partial void LogAuditWriteFailed(ILogger logger, string type, string realm, string? user, Exception exception);

    [LoggerMessage(EventId = EventIds.AuditStoppedWithBacklog, Level = LogLevel.Critical, Message = "The gateway stopped before {Count} queued audit events were written")]
    private static partial void LogStoppedWithBacklog(ILogger logger, int count);
}
