using MfaGateway.Devices;
using MfaGateway.Factors;
using MfaGateway.Factors.Recovery;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>Everything the security page shows about the user's two-step verification.</summary>
/// <param name="Devices">Recognised and remembered browsers, as one list; the one this request comes from is marked.</param>
/// <param name="AppHome">Where "Back to the application" goes.</param>
/// <param name="MfaRequired">Whether the user will have to set MFA up again if they turn it off.</param>
/// <param name="ChangesAllowedUntil">Until when changes go through without a new code; null without an MFA.</param>
/// <param name="Credentials">The WebAuthn half of each passkey or security key among <paramref name="Factors"/>, by factor id.</param>
/// <param name="PasskeysOffered">Gateway:WebAuthn is configured, so a passkey or security key can be added.</param>
public sealed record SecurityOverview(
    string User,
    string App,
    IReadOnlyList<FactorRecord> Factors,
    IReadOnlyDictionary<string, WebAuthnCredential> Credentials,
    bool PasskeysOffered,
    int RecoveryCodesLeft,
    IReadOnlyList<UserDevice> Devices,
    string AppHome,
    bool MfaRequired,
    DateTimeOffset? MfaAt,
    DateTimeOffset? ChangesAllowedUntil,
    bool ChangesAllowedNow)
{
    public bool MfaOn => Factors.Count > 0;

    /// <summary>What a change that needs a proof will ask for, in words: a passkey only for those who have one.</summary>
    public string ProofInWords => Credentials.Count > 0 ? "a code or your passkey" : "a code";

    public WebAuthnCredential? CredentialOf(FactorRecord factor) => Credentials.GetValueOrDefault(factor.Id);

    public bool FewRecoveryCodesLeft => MfaOn && RecoveryCodesLeft <= RecoveryCodeService.LowWatermark;
}
