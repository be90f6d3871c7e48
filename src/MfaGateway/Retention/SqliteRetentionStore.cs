using MfaGateway.Storage.Sqlite;

namespace MfaGateway.Retention;

/// <summary>Pruning in the embedded database; it lives with Retention so that Storage does not depend back on it.</summary>
public sealed class SqliteRetentionStore(SqliteDatabase database) : IRetentionStore
{
    public Task<int> PruneAuditAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < $cutoff LIMIT $batch);", olderThan, batchSize, cancellationToken);

    public Task<int> PruneKnownDevicesAsync(DateTimeOffset lastSeenBefore, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM known_devices WHERE rowid IN (SELECT rowid FROM known_devices WHERE last_seen < $cutoff LIMIT $batch);", lastSeenBefore, batchSize, cancellationToken);

    public Task<int> PruneKnownPlacesAsync(DateTimeOffset lastSeenBefore, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM known_places WHERE rowid IN (SELECT rowid FROM known_places WHERE last_seen < $cutoff LIMIT $batch);", lastSeenBefore, batchSize, cancellationToken);

    public Task<int> PruneTrustedDevicesAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync(
            "DELETE FROM trusted_devices WHERE id IN (SELECT id FROM trusted_devices WHERE expires_at < $cutoff OR (revoked_at IS NOT NULL AND revoked_at < $cutoff) LIMIT $batch);",
            endedBefore,
            batchSize,
            cancellationToken);

    private async Task<int> DeleteAsync(string sql, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cutoff", SqliteTime.ToStored(cutoff));
        command.Parameters.AddWithValue("$batch", batchSize);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
