namespace MfaGateway.Decisions;

/// <summary>The user's latest password change within the risk window, once it was asked (an in-memory lookup).</summary>
/// <param name="At">Null when the password did not change within the window.</param>
public sealed record PasswordChangeFinding(DateTimeOffset? At)
{
    /// <summary>Shared, so the common answer costs no allocation on the proxied path.</summary>
    public static readonly PasswordChangeFinding None = new(At: null);
}
