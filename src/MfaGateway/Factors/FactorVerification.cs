namespace MfaGateway.Factors;

/// <summary>
/// Why a factor refused an answer: one closed set for every factor, so the challenge flow counts each
/// refusal as a failed answer and the API and pages turn each into its own error code and message
/// (Enforcement/FactorRejectionCodes). Code factors give only the first two; the WebAuthn ceremonies
/// say which of their checks failed, and what only enrolment and configuration can say.
/// </summary>
public enum FactorRejection
{
    None,

    /// <summary>Not a valid answer for any of the user's factors of this type.</summary>
    Invalid,

    /// <summary>Valid but already used (a TOTP time step at or before the last accepted one).</summary>
    Replayed,

    /// <summary>No options were issued for this answer, they expired, or they were answered already (a replay).</summary>
    NotStarted,

    /// <summary>The answer is not well-formed (JSON, CBOR, base64url) or of the wrong type.</summary>
    Malformed,

    /// <summary>The authenticator signed another challenge than the one issued.</summary>
    ChallengeMismatch,

    /// <summary>The browser reported an origin that is not configured.</summary>
    WrongOrigin,

    /// <summary>The authenticator data was made for another relying-party id.</summary>
    WrongRelyingParty,

    /// <summary>The signature does not verify with the stored public key.</summary>
    BadSignature,

    /// <summary>The policy requires user verification (PIN, biometrics) and the authenticator did not perform it.</summary>
    UserVerificationMissing,

    /// <summary>The authenticator did not report user presence.</summary>
    UserPresenceMissing,

    /// <summary>The credential is not one of this user's.</summary>
    UnknownCredential,

    /// <summary>The credential is registered already (to this user or another).</summary>
    CredentialTaken,

    /// <summary>The authenticator's signature counter did not increase: it may have been cloned.</summary>
    CounterRegression,

    /// <summary>The authenticator's model is not on the allowed list, or it did not prove its model.</summary>
    AuthenticatorNotAllowed,

    /// <summary>Enrolling: the user already has a factor, and adding another needs an MFA first.</summary>
    AlreadyEnrolled,

    /// <summary>The factor is turned off here (WebAuthn without a relying party, after a reload).</summary>
    NotOffered,

    /// <summary>A sent-code factor has no live code for this challenge: it expired, was used, or was never sent.</summary>
    CodeExpired,
}

/// <summary>An authenticator's signature counter that did not increase (WebAuthn L3 section 7.2 step 22): a possible clone.</summary>
public readonly record struct SignCounterRegression(uint Stored, uint Presented);

/// <param name="CounterRegression">Set when the authenticator's counter did not increase, whether the answer was refused or passed (config Flag): always audited.</param>
public sealed record FactorVerification(bool Verified, string? FactorId, FactorRejection Rejection, SignCounterRegression? CounterRegression = null)
{
    public static FactorVerification Success(string factorId) => new(true, factorId, FactorRejection.None);

    public static FactorVerification Fail(FactorRejection rejection) => new(false, null, rejection);
}
