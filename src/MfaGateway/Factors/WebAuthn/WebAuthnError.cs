namespace MfaGateway.Factors.WebAuthn;

/// <summary>
/// Why a ceremony was refused: the checks' refusals are the challenge flow's own (<see cref="FactorRejection"/>,
/// mapped one to one by WebAuthnRejections), plus what only enrolment and configuration can say.
/// </summary>
public enum WebAuthnError
{
    None,

    /// <inheritdoc cref="FactorRejection.NotStarted"/>
    NotStarted,

    /// <inheritdoc cref="FactorRejection.Malformed"/>
    Malformed,

    /// <inheritdoc cref="FactorRejection.ChallengeMismatch"/>
    ChallengeMismatch,

    /// <inheritdoc cref="FactorRejection.WrongOrigin"/>
    WrongOrigin,

    /// <inheritdoc cref="FactorRejection.WrongRelyingParty"/>
    WrongRelyingParty,

    /// <inheritdoc cref="FactorRejection.BadSignature"/>
    BadSignature,

    /// <inheritdoc cref="FactorRejection.UserVerificationMissing"/>
    UserVerificationMissing,

    /// <inheritdoc cref="FactorRejection.UserPresenceMissing"/>
    UserPresenceMissing,

    /// <inheritdoc cref="FactorRejection.UnknownCredential"/>
    UnknownCredential,

    /// <inheritdoc cref="FactorRejection.CredentialTaken"/>
    CredentialTaken,

    /// <inheritdoc cref="FactorRejection.CounterRegression"/>
    CounterRegression,

    /// <inheritdoc cref="FactorRejection.AuthenticatorNotAllowed"/>
    AuthenticatorNotAllowed,

    /// <summary>The user already has a factor, and adding another needs an MFA first.</summary>
    AlreadyEnrolled,

    /// <summary>No relying party is configured.</summary>
    NotConfigured,
}
