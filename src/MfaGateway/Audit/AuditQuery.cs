namespace MfaGateway.Audit;

/// <summary>Filters for reading the audit log, newest first, a page at a time.</summary>
public sealed record AuditQuery(
    string? Realm = null,
    string? User = null,
    IReadOnlyList<string>? Types = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Page, int PageSize, long Total);
