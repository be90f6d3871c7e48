namespace MfaGateway.SelfService;

public enum ChangeStatus
{
    Done,

    /// <summary>The session's MFA is older than Gateway:SelfService:MaxAge: verify again, then retry.</summary>
    FreshMfaRequired,

    /// <summary>The change needs a <see cref="ChangeProof"/> now (a code or a passkey), and none came or it expired.</summary>
    ProofRequired,

    /// <summary>No such factor, device or set-up for this user (another user's id included).</summary>
    NotFound,

    /// <summary>The input cannot be used (an empty or over-long name, a missing code).</summary>
    InvalidInput,

    /// <summary>The change does not apply to the user's current state (no factor to back codes, MFA already off).</summary>
    Conflict,

    /// <summary>The code is not valid for any of the user's factors or recovery codes.</summary>
    WrongCode,

    /// <summary>The code was valid once and has been used already.</summary>
    CodeReused,

    /// <summary>An authenticator set-up that expired or was already completed.</summary>
    Expired,

    /// <summary>A passkey or security key's answer did not verify (origin, relying party, challenge, signature, presence or verification).</summary>
    CredentialRefused,

    /// <summary>The authenticator's model is not one Gateway:WebAuthn:AllowedAaguids lets in.</summary>
    AuthenticatorNotAllowed,

    /// <summary>Too many wrong codes lately, from this user or this client: refused until <see cref="ChangeOutcome.RetryAfter"/>.</summary>
    Banned,

    /// <summary>The user reached the consecutive-failure limit; an administrator must unlock them.</summary>
    Locked,
}

/// <summary>What became of a requested change, for the page and the JSON API alike.</summary>
/// <param name="Problem">Why it was refused, in words the user can act on.</param>
public sealed record ChangeOutcome(ChangeStatus Status, string? Problem = null)
{
    public static readonly ChangeOutcome Done = new(ChangeStatus.Done);

    public static readonly ChangeOutcome FreshMfaRequired = new(ChangeStatus.FreshMfaRequired, "This change needs a recent verification: enter a code, then try again.");

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The change ended the current gateway session (MFA was turned off): the next request starts over.</summary>
    public bool SessionEnded { get; init; }

    /// <summary>The change re-issued the current gateway session (others were ended): its new token, for API clients using the header.</summary>
    public string? SessionToken { get; init; }

    /// <summary>With <see cref="ChangeStatus.CredentialRefused"/>: which check the passkey's answer failed, for its error code.</summary>
    public Factors.FactorRejection Rejection { get; init; }

    public bool Succeeded => Status == ChangeStatus.Done;

    public static ChangeOutcome NotFound(string problem) => new(ChangeStatus.NotFound, problem);

    public static ChangeOutcome Invalid(string problem) => new(ChangeStatus.InvalidInput, problem);

    public static ChangeOutcome Conflict(string problem) => new(ChangeStatus.Conflict, problem);
}
