namespace MfaGateway.Storage;

/// <summary>Devices users asked the gateway to remember. Checked on every use, so revocation is immediate.</summary>
public interface ITrustedDeviceStore
{
    Task AddAsync(TrustedDeviceRecord device, CancellationToken cancellationToken);

    Task<TrustedDeviceRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The user's devices that are neither revoked nor expired.</summary>
    Task<IReadOnlyList<TrustedDeviceRecord>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task TouchAsync(string id, DateTimeOffset now, string? ip, CancellationToken cancellationToken);

    Task<bool> RevokeAsync(long userId, string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every active device of the user and returns their ids.</summary>
    Task<IReadOnlyList<string>> RevokeAllAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every active device of the user remembered from the given known device and returns their ids.</summary>
    Task<IReadOnlyList<string>> RevokeLinkedAsync(long userId, string knownDeviceId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ids of devices revoked but not yet expired: sessions they opened must be refused.</summary>
    Task<IReadOnlyList<string>> ListRevokedUnexpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
