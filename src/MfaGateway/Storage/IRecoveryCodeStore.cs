namespace MfaGateway.Storage;

/// <summary>A user's recovery codes, held only as salted KDF hashes (NIST SP 800-63B 5.1.2.2).</summary>
public interface IRecoveryCodeStore
{
    /// <summary>Replaces the user's codes with a new set; every old code stops working.</summary>
    Task ReplaceAsync(long userId, byte[] salt, IReadOnlyList<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The salt of the user's current set, or null when the user has none.</summary>
    Task<byte[]?> GetSaltAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Marks the code with this hash used; false when there is none or it was used (atomic).</summary>
    Task<bool> TryUseAsync(long userId, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> CountRemainingAsync(long userId, CancellationToken cancellationToken);

    Task RemoveAllAsync(long userId, CancellationToken cancellationToken);
}
