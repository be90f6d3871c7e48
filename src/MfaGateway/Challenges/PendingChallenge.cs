using MfaGateway.Factors;

namespace MfaGateway.Challenges;

/// <summary>
/// An MFA challenge waiting for the user. Immutable once created; failures are counted separately
/// so that counting is one atomic increment. Stored encrypted, because it may carry the app's new
/// session cookie and a preserved form.
/// </summary>
public sealed record PendingChallenge
{
    /// <summary>128-bit random id; also the API's mfa_token.</summary>
    public required string Id { get; init; }

    public required string App { get; init; }

    public required string Realm { get; init; }

    public required string User { get; init; }

    public required ChallengePurpose Purpose { get; init; }

    public required string PolicyName { get; init; }

    public required IReadOnlyList<string> AllowedFactors { get; init; }

    /// <summary>Validated local URL to continue to after success.</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>The app-session binding the resulting gateway session must carry.</summary>
    public required string SessionBinding { get; init; }

    /// <summary>The user has no factor yet and must enrol one to pass.</summary>
    public required bool EnrolmentRequired { get; init; }

    public HeldBackResponse? HeldBack { get; init; }

    public PreservedForm? Form { get; init; }

    /// <summary>For a step-up: the action it guards, in words for the page ("Transfer"); null when unknown.</summary>
    public string? Action { get; init; }

    /// <summary>Set when the request that asked for MFA was a form POST that is not re-submitted: the user is told after passing.</summary>
    public UnsentFormReason? UnsentForm { get; init; }

    /// <summary>Why a RiskBased policy asked, in plain words for the challenge page; empty otherwise.</summary>
    public IReadOnlyList<string> RiskReasons { get; init; } = [];

    /// <summary>What the policy asks of a WebAuthn authenticator (PIN or biometrics); null: the gateway's setting.</summary>
    public Fido2NetLib.Objects.UserVerificationRequirement? UserVerification { get; init; }

    /// <summary>
    /// For a first enrolment: the user's address as the identity source vouches for it (normalised);
    /// the email factor is enrolled only to it. Null when the source gives none.
    /// </summary>
    public string? KnownEmail { get; init; }

    /// <summary>Under a policy with EmailLink: the app's link page ("https://bank.example/.mfa/link/"), which the sign-in e-mail links to.</summary>
    public string? SignInLink { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The part a factor sees (a method, so the stored JSON does not carry it).</summary>
    public FactorChallenge ForFactors() => new(Id, Realm, User, ExpiresAt, ChallengeStore.MaxPendingPerUser, UserVerification, SignInLink);
}
