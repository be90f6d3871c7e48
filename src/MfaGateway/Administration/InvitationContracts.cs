namespace MfaGateway.Administration;

/// <summary>The body of POST /users/{realm}/{user}/invitations.</summary>
/// <param name="Email">Where the invitation goes; it becomes the user's confirmed address for notices.</param>
/// <param name="App">The app whose PublicUrl the link opens; needed only when the realm has several apps with one.</param>
/// <param name="Lifetime">How long the link works ("3d", "12h"; from 10 minutes to 30 days); 3 days when unset.</param>
/// <param name="Reason">Why, in the administrator's words; recorded in the audit log.</param>
public sealed record InvitationRequest(string? Email, string? App = null, string? Lifetime = null, string? Reason = null);

/// <summary>A new invitation.</summary>
/// <param name="Link">The link, shown this once: the gateway keeps only a hash of its secret. Hand it over yourself when <paramref name="Emailed"/> is false.</param>
/// <param name="Emailed">Whether the invitation e-mail was queued (false when Gateway:Email has no SMTP server).</param>
public sealed record InvitationResponse(string InvitationId, string Link, DateTimeOffset ExpiresAt, bool Emailed);

/// <summary>The answer to DELETE /users/{realm}/{user}/invitations.</summary>
public sealed record InvitationsRevokedResponse(int Revoked);
