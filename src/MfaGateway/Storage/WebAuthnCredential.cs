using Fido2NetLib.Objects;

namespace MfaGateway.Storage;

/// <summary>
/// A registered passkey or security key: the WebAuthn half of a factor row of type <c>webauthn</c> (Factors/WebAuthn runs the ceremonies).
/// </summary>
/// <param name="ProtectedPublicKey">The COSE public key, sealed by Data Protection under the credential id and user, so a row copied onto another user or credential does not open.</param>
/// <param name="SignCount">The last signature counter seen; 0 for authenticators that keep none.</param>
/// <param name="BackupEligible">WebAuthn's BE flag: the credential may be synced (a passkey in a password manager or platform account).</param>
/// <param name="BackedUp">WebAuthn's BS flag: it is synced now.</param>
/// <param name="PossiblyCloned">Its counter once failed to increase (kept under CounterRegression Flag).</param>
public sealed record WebAuthnCredential(
    byte[] CredentialId,
    string FactorId,
    long UserId,
    byte[] UserHandle,
    byte[] ProtectedPublicKey,
    uint SignCount,
    Guid Aaguid,
    IReadOnlyList<AuthenticatorTransport> Transports,
    bool BackupEligible,
    bool BackedUp,
    string AttestationFormat,
    bool PossiblyCloned,
    DateTimeOffset CreatedAt);
