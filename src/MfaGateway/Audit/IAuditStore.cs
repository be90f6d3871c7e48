namespace MfaGateway.Audit;

/// <summary>The durable audit log.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>All of them or none, in one transaction: what the write queue uses.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
