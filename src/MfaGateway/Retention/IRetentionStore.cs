namespace MfaGateway.Retention;

/// <summary>Deletes history past its retention, at most <c>batchSize</c> rows per call; returns how many went.</summary>
public interface IRetentionStore
{
    Task<int> PruneAuditAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken);

    Task<int> PruneKnownDevicesAsync(DateTimeOffset lastSeenBefore, int batchSize, CancellationToken cancellationToken);

    Task<int> PruneKnownPlacesAsync(DateTimeOffset lastSeenBefore, int batchSize, CancellationToken cancellationToken);

    /// <summary>Remembered devices that expired, or were revoked, before the cutoff.</summary>
    Task<int> PruneTrustedDevicesAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken);
}
