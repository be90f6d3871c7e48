namespace MfaGateway.SelfService;

/// <summary>
/// What the user offers, at the moment of a change that could hand their account to someone else,
/// to show they hold one of its factors now: a code (from an authenticator app, or a recovery code),
/// or a passkey's answer to options issued by <see cref="PasskeyProof"/>. A fresh session is not
/// enough for these changes: it only shows that someone verified a few minutes ago in this browser.
/// </summary>
/// <param name="ProofId">The id <see cref="PasskeyProof.StartAsync"/> issued with the options the credential answers.</param>
/// <param name="Credential">The browser's PublicKeyCredential.toJSON() of the assertion, as JSON text.</param>
public sealed record ChangeProof(string? Code = null, string? ProofId = null, string? Credential = null)
{
    public static readonly ChangeProof None = new();

    public bool IsPasskey => !string.IsNullOrWhiteSpace(Credential);

    public bool IsEmpty => !IsPasskey && string.IsNullOrWhiteSpace(Code);
}

/// <summary>The changes that need a <see cref="ChangeProof"/>: each one could give whoever holds an unlocked browser a way past MFA.</summary>
public enum SensitiveChange
{
    /// <summary>New recovery codes: each one passes a challenge, so whoever generates them holds a factor.</summary>
    RenewRecoveryCodes,

    /// <summary>Another authenticator app, passkey or security key beside the user's.</summary>
    AddFactor,

    /// <summary>Removing the last factor, which turns MFA off.</summary>
    RemoveLastFactor,

    TurnOff,
}

/// <summary>How the change is named in the audit log and on the page.</summary>
public static class SensitiveChanges
{
    public static string AuditName(SensitiveChange change) => change switch
    {
        SensitiveChange.RenewRecoveryCodes => "renew recovery codes",
        SensitiveChange.AddFactor => "add a verification method",
        SensitiveChange.RemoveLastFactor => "remove the last verification method",
        _ => "turn off two-step verification",
    };
}
