using Fido2NetLib.Objects;

namespace MfaGateway.Factors.WebAuthn;

public enum CounterRegressionAction
{
    /// <summary>The assertion is refused and the credential keeps working for its real owner.</summary>
    Refuse,

    /// <summary>The assertion passes, and the credential is marked as possibly cloned.</summary>
    Flag,
}

/// <summary>"Gateway:WebAuthn", compiled; null in the config when no relying party is configured.</summary>
/// <param name="Origins">Exact origins (scheme://host[:port], lower case) the browser may report.</param>
/// <param name="AllowedAaguids">Empty: any authenticator model.</param>
public sealed record WebAuthnSettings(
    string RelyingPartyId,
    string RelyingPartyName,
    IReadOnlySet<string> Origins,
    UserVerificationRequirement UserVerification,
    AttestationConveyancePreference Attestation,
    IReadOnlySet<Guid> AllowedAaguids,
    ResidentKeyRequirement ResidentKey,
    TimeSpan Timeout,
    CounterRegressionAction CounterRegression)
{
    public const int MinTimeoutSeconds = 30;

    public const int MaxTimeoutSeconds = 600;
}
