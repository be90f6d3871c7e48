namespace MfaGateway.Storage;

/// <param name="ConsecutiveFailures">Wrong codes since the last success, across challenges and restarts (NIST limit).</param>
/// <param name="MfaRequired">An administrator requires this user to use MFA, whatever the policy says.</param>
/// <param name="BannedUntil">Set by regulation after too many failures in a window; verification is refused until then.</param>
public sealed record UserRecord(
    long Id,
    string Realm,
    string UserName,
    DateTimeOffset CreatedAt,
    int ConsecutiveFailures,
    bool MfaRequired = false,
    DateTimeOffset? BannedUntil = null)
{
    /// <summary>When the app last changed this user's password, as far as the gateway knows.</summary>
    public DateTimeOffset? PasswordChangedAt { get; init; }

    public bool IsBanned(DateTimeOffset now) => BannedUntil is { } until && until > now;
}
