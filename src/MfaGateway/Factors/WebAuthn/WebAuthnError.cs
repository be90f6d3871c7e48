namespace MfaGateway.Factors.WebAuthn;

/// <summary>Why a ceremony was refused. Each becomes an error code of the table in Enforcement/ErrorCodes when the challenge API offers the factor.</summary>
public enum WebAuthnError
{
    None,

    /// <summary>No options were issued for this challenge, they expired, or they were used already (a replay).</summary>
    NotStarted,

    /// <summary>The response was not well-formed JSON, CBOR or base64url, or its type was wrong.</summary>
    Malformed,

    /// <summary>clientDataJSON names another challenge than the one issued.</summary>
    ChallengeMismatch,

    /// <summary>clientDataJSON names an origin that is not configured.</summary>
    WrongOrigin,

    /// <summary>authenticatorData was made for another relying-party id.</summary>
    WrongRelyingParty,

    /// <summary>The assertion's signature does not verify with the stored public key.</summary>
    BadSignature,

    /// <summary>The policy requires user verification and the authenticator did not perform it.</summary>
    UserVerificationMissing,

    /// <summary>The authenticator did not report user presence.</summary>
    UserPresenceMissing,

    /// <summary>The credential is not one of this user's.</summary>
    UnknownCredential,

    /// <summary>A credential with this id is registered already.</summary>
    CredentialTaken,

    /// <summary>The signature counter did not increase: the credential may have been cloned.</summary>
    CounterRegression,

    /// <summary>The authenticator's model is not on the allowed list, or it gave no attestation to prove it.</summary>
    AuthenticatorNotAllowed,

    /// <summary>The user already has a factor, and adding another needs an MFA first.</summary>
    AlreadyEnrolled,

    /// <summary>No relying party is configured.</summary>
    NotConfigured,
}
