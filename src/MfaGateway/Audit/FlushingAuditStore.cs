namespace MfaGateway.Audit;

/// <summary>
/// The audit store as readers see it: a query first waits for the events already queued, so the admin
/// API and the command line list what happened up to the moment they asked, never a moment earlier.
/// Direct appends go straight to the durable store.
/// </summary>
public sealed class FlushingAuditStore(IAuditStore durable, AuditWriteQueue queue) : IAuditStore
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => durable.AppendAsync(auditEvent, cancellationToken);

    public Task AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken) => durable.AppendAsync(auditEvents, cancellationToken);

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await queue.FlushAsync().WaitAsync(cancellationToken);
        return await durable.QueryAsync(query, cancellationToken);
    }
}
