namespace MfaGateway.Audit;

/// <summary>One security event. Never holds a secret or a code: only what happened, to whom, from where.</summary>
/// <param name="Detail">Small key/value facts (factor type, reason, admin key name), stored as JSON.</param>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset At,
    string Realm,
    string? User,
    string Type,
    string Outcome,
    string? ClientIp,
    string? UserAgent,
    IReadOnlyDictionary<string, string> Detail);
