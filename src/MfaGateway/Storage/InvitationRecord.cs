namespace MfaGateway.Storage;

/// <summary>
/// An administrator's invitation for one user to enrol their first factor. The link carries the id
/// and a 256-bit secret; only the secret's SHA-256 is stored. Opening the link in a browser claims it
/// for that browser (only its secret's hash is kept too); enrolling there uses it.
/// </summary>
/// <param name="App">The app the link opens, whose PublicUrl it is on.</param>
/// <param name="CreatedBy">Who asked for it, as the audit names them ("admin:ops", "cli").</param>
public sealed record InvitationRecord(
    string Id,
    long UserId,
    string Realm,
    string UserName,
    string App,
    byte[] SecretHash,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The hash of the secret of the browser that opened the link; null until one did.</summary>
    public byte[]? BrowserHash { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Neither used, revoked nor expired.</summary>
    public bool IsOpen(DateTimeOffset now) => UsedAt is null && RevokedAt is null && ExpiresAt > now;
}
