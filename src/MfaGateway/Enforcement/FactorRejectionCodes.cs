using MfaGateway.Factors;

namespace MfaGateway.Enforcement;

/// <summary>
/// A refused answer as clients and users are told it: a wire code of <see cref="ErrorCodes"/> and a
/// sentence for the API, and a plain sentence for the hosted pages. A wrong or reused code stays
/// OAuth's invalid_grant; each failed WebAuthn check has its own code.
/// </summary>
public static class FactorRejectionCodes
{
    public static string Code(FactorRejection rejection) => rejection switch
    {
        // Turned off by a reload between options and answer: as with options gone, only new ones could help.
        FactorRejection.NotStarted or FactorRejection.NotOffered => ErrorCodes.OptionsNotIssued,
        FactorRejection.AlreadyEnrolled => ErrorCodes.AlreadyEnrolled,
        FactorRejection.Malformed => ErrorCodes.MalformedCredential,
        FactorRejection.ChallengeMismatch => ErrorCodes.ChallengeMismatch,
        FactorRejection.WrongOrigin => ErrorCodes.OriginMismatch,
        FactorRejection.WrongRelyingParty => ErrorCodes.RpIdMismatch,
        FactorRejection.BadSignature => ErrorCodes.InvalidSignature,
        FactorRejection.UserVerificationMissing => ErrorCodes.UserVerificationRequired,
        FactorRejection.UserPresenceMissing => ErrorCodes.UserPresenceRequired,
        FactorRejection.UnknownCredential => ErrorCodes.UnknownCredential,
        FactorRejection.CredentialTaken => ErrorCodes.CredentialExists,
        FactorRejection.CounterRegression => ErrorCodes.CounterRegression,
        FactorRejection.AuthenticatorNotAllowed => ErrorCodes.AuthenticatorNotAllowed,
        FactorRejection.CodeExpired => ErrorCodes.CodeExpired,
        _ => ErrorCodes.InvalidGrant,
    };

    /// <summary>For API clients: what failed and what to do.</summary>
    public static string Description(FactorRejection rejection) => rejection switch
    {
        FactorRejection.Replayed => "The code has already been used; wait for the next one.",
        FactorRejection.NotStarted or FactorRejection.NotOffered => "No options were issued for this answer, they expired, or they were answered already: get new options.",
        FactorRejection.AlreadyEnrolled => "A factor was enrolled meanwhile; start a new challenge.",
        FactorRejection.Malformed => "The credential is not a well-formed PublicKeyCredential (send the browser's toJSON()).",
        FactorRejection.ChallengeMismatch => "The authenticator signed another challenge than the one issued: use the latest options.",
        FactorRejection.WrongOrigin => "The browser reported an origin this gateway's relying party does not allow.",
        FactorRejection.WrongRelyingParty => "The credential was made for another relying-party id.",
        FactorRejection.BadSignature => "The signature does not verify with the registered public key.",
        FactorRejection.UserVerificationMissing => "This policy requires user verification (a PIN or biometrics), and the authenticator did not perform it.",
        FactorRejection.UserPresenceMissing => "The authenticator did not report user presence.",
        FactorRejection.UnknownCredential => "This credential is not registered to this user.",
        FactorRejection.CredentialTaken => "This passkey or security key is registered already.",
        FactorRejection.CounterRegression => "The authenticator's signature counter did not increase: it may have been cloned. The attempt was refused and recorded.",
        FactorRejection.AuthenticatorNotAllowed => "This authenticator model is not allowed here, or it did not prove its model.",
        FactorRejection.CodeExpired => "No code is waiting for this factor: it expired or was used. Send a new one (send-code).",
        _ => "The code is not correct.",
    };

    /// <summary>For the hosted pages: plain words, no protocol terms.</summary>
    public static string PageText(FactorRejection rejection) => rejection switch
    {
        FactorRejection.Replayed => "That code has already been used. Wait for the next code in your app.",
        FactorRejection.NotStarted or FactorRejection.NotOffered or FactorRejection.ChallengeMismatch => "That request has expired. Try again.",
        FactorRejection.AlreadyEnrolled => "Two-step verification was set up for this account in another window. Start again to verify with it.",
        FactorRejection.UserVerificationMissing => "Your passkey or security key must also check it's you, with a PIN, fingerprint or face. Try again and confirm when asked.",
        FactorRejection.UnknownCredential => "That passkey or security key is not registered to your account. Try another one.",
        FactorRejection.CredentialTaken => "That passkey or security key is already registered.",
        FactorRejection.CounterRegression => "That security key could not be trusted: it may have been copied. The attempt was recorded. Use another way to verify and tell your administrator.",
        FactorRejection.AuthenticatorNotAllowed => "This kind of security key is not allowed here. Use another one, or another way to verify.",
        FactorRejection.WrongOrigin or FactorRejection.WrongRelyingParty => "Your passkey could not be used from this address. Use another way to verify, or tell your administrator.",
        FactorRejection.None or FactorRejection.Invalid => "That code is not correct.",
        FactorRejection.CodeExpired => "That code has expired or was already used. Send a new code.",
        _ => "Your passkey or security key could not be checked. Try again.",
    };
}
