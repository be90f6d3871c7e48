using MfaGateway.Storage;

namespace MfaGateway.Administration;

/// <summary>One of a user's passkeys or security keys, as an administrator sees it. The credential id and public key stay private.</summary>
/// <param name="FactorId">The factor row it belongs to (as in the audit log's factor_id).</param>
/// <param name="Type">"passkey" (backup eligible) or "security_key".</param>
/// <param name="BackupEligible">WebAuthn's BE flag: it may be synced to other devices.</param>
/// <param name="BackedUp">WebAuthn's BS flag: it is synced now.</param>
/// <param name="Aaguid">The authenticator model the authenticator claimed (all zeros when it names none); proven only with an attestation other than "none".</param>
/// <param name="SignCount">The last signature counter seen; 0 for authenticators that keep none.</param>
/// <param name="PossiblyCloned">Its counter once failed to increase: someone may hold a copy.</param>
public sealed record WebAuthnCredentialStatus(
    string FactorId,
    string Name,
    string Type,
    bool BackupEligible,
    bool BackedUp,
    Guid Aaguid,
    string AttestationFormat,
    uint SignCount,
    bool PossiblyCloned,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt)
{
    public static WebAuthnCredentialStatus From(WebAuthnCredential credential, FactorRecord? factor) => new(
        credential.FactorId,
        factor?.Name ?? string.Empty,
        WebAuthnCredentialKinds.KindOf(credential),
        credential.BackupEligible,
        credential.BackedUp,
        credential.Aaguid,
        credential.AttestationFormat,
        credential.SignCount,
        credential.PossiblyCloned,
        credential.CreatedAt,
        factor?.LastUsedAt);
}
