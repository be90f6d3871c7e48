namespace MfaGateway.Challenges;

public enum ChallengeStatus
{
    Passed,

    /// <summary>Wrong code; <see cref="ChallengeOutcome.AttemptsLeft"/> says how many remain.</summary>
    WrongCode,

    /// <summary>A code that was valid once and has been used already.</summary>
    CodeReused,

    /// <summary>Unknown, expired, already completed, or killed by too many wrong codes.</summary>
    Expired,

    /// <summary>This attempt was one too many: the challenge is now dead.</summary>
    TooManyAttempts,

    /// <summary>The user reached the consecutive-failure limit (NIST SP 800-63B 5.2.2).</summary>
    UserLocked,

    /// <summary>The factor type is not allowed here or the user has none of it.</summary>
    FactorNotAvailable,

    /// <summary>Enrolment raced with another one that finished first.</summary>
    AlreadyEnrolled,
}

/// <param name="Challenge">The completed challenge, when <see cref="ChallengeStatus.Passed"/>.</param>
public sealed record ChallengeOutcome(ChallengeStatus Status, PendingChallenge? Challenge = null, string? FactorType = null, int AttemptsLeft = 0);
