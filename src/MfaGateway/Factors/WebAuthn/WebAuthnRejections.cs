namespace MfaGateway.Factors.WebAuthn;

/// <summary>A ceremony's refusal as the challenge flow counts and reports it.</summary>
internal static class WebAuthnRejections
{
    public static FactorRejection For(WebAuthnError error) => error switch
    {
        WebAuthnError.None => FactorRejection.None,
        WebAuthnError.NotStarted => FactorRejection.NotStarted,
        WebAuthnError.ChallengeMismatch => FactorRejection.ChallengeMismatch,
        WebAuthnError.WrongOrigin => FactorRejection.WrongOrigin,
        WebAuthnError.WrongRelyingParty => FactorRejection.WrongRelyingParty,
        WebAuthnError.BadSignature => FactorRejection.BadSignature,
        WebAuthnError.UserVerificationMissing => FactorRejection.UserVerificationMissing,
        WebAuthnError.UserPresenceMissing => FactorRejection.UserPresenceMissing,
        WebAuthnError.UnknownCredential => FactorRejection.UnknownCredential,
        WebAuthnError.CredentialTaken => FactorRejection.CredentialTaken,
        WebAuthnError.CounterRegression => FactorRejection.CounterRegression,
        WebAuthnError.AuthenticatorNotAllowed => FactorRejection.AuthenticatorNotAllowed,

        // Turned off by a reload between options and answer: nothing the answer could fix.
        WebAuthnError.NotConfigured => FactorRejection.NotStarted,
        _ => FactorRejection.Malformed,
    };
}
