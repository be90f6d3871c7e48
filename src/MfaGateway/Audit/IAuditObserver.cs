namespace MfaGateway.Audit;

/// <summary>
/// Told of each event once it is recorded (notifications watch these): the audit log stays the one
/// place events are named, and observers depend on it, never the other way round. An observer must
/// return quickly and never throw; <see cref="AuditLog"/> contains what it throws regardless.
/// </summary>
public interface IAuditObserver
{
    Task ObserveAsync(AuditEvent auditEvent);
}
