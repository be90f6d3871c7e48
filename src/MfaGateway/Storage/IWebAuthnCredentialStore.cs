
namespace MfaGateway.Storage;

public enum CredentialAddResult
{
    Added,

    /// <summary>Only a first factor may be added without an MFA, and the user has one.</summary>
    AlreadyEnrolled,

    /// <summary>The credential id is registered already (to this user or another): ids are unique across all users.</summary>
    CredentialTaken,
}

/// <summary>Durable WebAuthn credentials; each is stored with the factor row it belongs to, in one transaction.</summary>
public interface IWebAuthnCredentialStore
{
    Task<IReadOnlyList<WebAuthnCredential>> ListAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The credential with this id, whoever it belongs to.</summary>
    Task<WebAuthnCredential?> FindAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <param name="first">Add only if the user has no factor yet, atomically (first enrolment without an MFA).</param>
    Task<CredentialAddResult> AddAsync(FactorRecord factor, WebAuthnCredential credential, bool first, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the counter from <paramref name="expected"/> to <paramref name="next"/> and records the use;
    /// false when another assertion moved it first (compare-and-set), so of two parallel assertions
    /// with one counter value only one passes.
    /// </summary>
    Task<bool> TryRecordUseAsync(byte[] credentialId, uint expected, uint next, bool backedUp, bool flagClone, DateTimeOffset now, CancellationToken cancellationToken);
}
