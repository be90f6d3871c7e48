using MfaGateway.Storage;

namespace MfaGateway.Challenges;

public enum ChallengeStatus
{
    Passed,

    /// <summary>The user skipped enrolment within the policy's grace period.</summary>
    Skipped,

    /// <summary>Wrong code; <see cref="ChallengeOutcome.AttemptsLeft"/> says how many remain.</summary>
    WrongCode,

    /// <summary>A code that was valid once and has been used already.</summary>
    CodeReused,

    /// <summary>Unknown, expired, already completed, or killed by too many wrong codes.</summary>
    Expired,

    /// <summary>This attempt was one too many: the challenge is now dead.</summary>
    TooManyAttempts,

    /// <summary>The user reached the consecutive-failure limit (NIST SP 800-63B 5.2.2); an administrator must unlock.</summary>
    UserLocked,

    /// <summary>Too many failures in a short time from this user or this client: refused until <see cref="ChallengeOutcome.RetryAfter"/>.</summary>
    Banned,

    /// <summary>The factor type is not allowed here or the user has none of it.</summary>
    FactorNotAvailable,

    /// <summary>The policy lets only an invited browser enrol a first factor, and this one brought no valid invitation.</summary>
    InvitationRequired,

    /// <summary>Enrolment raced with another one that finished first.</summary>
    AlreadyEnrolled,

    /// <summary>Skipping enrolment was asked for outside a grace period.</summary>
    SkipNotAllowed,

    /// <summary>Passing could not be completed (the app was removed by a reload): refused before the code was checked, so it is not spent.</summary>
    Undeliverable,
}

/// <param name="Challenge">The completed challenge, when passed or skipped.</param>
/// <param name="NewRecoveryCodes">Issued with a first enrolment: shown to the user once, never again.</param>
/// <param name="RecoveryCodesLeft">After a recovery code was used: how many remain.</param>
/// <param name="GraceUntil">After a skip: until when the user may go without MFA.</param>
/// <param name="Rejection">With <see cref="ChallengeStatus.WrongCode"/>: which check the answer failed, when the factor says (WebAuthn).</param>
/// <param name="User">
/// When passed: the user as read for this answer, so that completing it (device, place, trusted
/// device) needs no second lookup. Its identity is what counts; its failure counts predate the pass.
/// </param>
public sealed record ChallengeOutcome(
    ChallengeStatus Status,
    PendingChallenge? Challenge = null,
    string? FactorType = null,
    int AttemptsLeft = 0,
    TimeSpan? RetryAfter = null,
    IReadOnlyList<string>? NewRecoveryCodes = null,
    int? RecoveryCodesLeft = null,
    DateTimeOffset? GraceUntil = null,
    UserRecord? User = null,
    Factors.FactorRejection Rejection = Factors.FactorRejection.None);
