namespace MfaGateway.Administration;

/// <summary>The optional body of an admin action.</summary>
/// <param name="Reason">Why, in the administrator's words (a ticket number, "lost phone"); recorded in the audit log.</param>
public sealed record AdminActionRequest(string? Reason = null);
