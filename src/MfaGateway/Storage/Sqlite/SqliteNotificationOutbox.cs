using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteNotificationOutbox(SqliteDatabase database) : INotificationOutbox
{
    public async Task EnqueueAsync(OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO notification_outbox (id, realm, user_name, kind, channel, sealed_message, created_at, next_attempt_at)
            VALUES ($id, $realm, $user, $kind, $channel, $message, $now, $now);
            """;
        command.Parameters.AddWithValue("$id", entry.Id);
        command.Parameters.AddWithValue("$realm", entry.Realm);
        command.Parameters.AddWithValue("$user", entry.User);
        command.Parameters.AddWithValue("$kind", entry.Kind);
        command.Parameters.AddWithValue("$channel", entry.Channel);
        command.Parameters.AddWithValue("$message", entry.SealedMessage);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE notification_outbox SET lease_until = $until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM notification_outbox
                WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $now AND lease_until <= $now
                ORDER BY next_attempt_at LIMIT $max)
            RETURNING id, realm, user_name, kind, channel, sealed_message, created_at, attempts;
            """;
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        command.Parameters.AddWithValue("$until", SqliteTime.ToStored(leaseUntil));
        command.Parameters.AddWithValue("$max", max);
        var claimed = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                (byte[])reader.GetValue(5), SqliteTime.FromStored(reader.GetInt64(6)), reader.GetInt32(7)));
        }

        return claimed;
    }

    public Task DeliveredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE notification_outbox SET delivered_at = $at, lease_until = 0, last_error = NULL WHERE id = $id;", id, now, null, cancellationToken);

    public Task RetryAsync(string id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE notification_outbox SET next_attempt_at = $at, lease_until = 0, last_error = $error WHERE id = $id;", id, nextAttemptAt, error, cancellationToken);

    public Task GiveUpAsync(string id, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE notification_outbox SET given_up_at = $at, lease_until = 0, last_error = $error WHERE id = $id;", id, now, error, cancellationToken);

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(MAX(next_attempt_at, lease_until)) FROM notification_outbox WHERE delivered_at IS NULL AND given_up_at IS NULL;";
        return await command.ExecuteScalarAsync(cancellationToken) is long due ? SqliteTime.FromStored(due) : null;
    }

    private async Task ExecuteAsync(string sql, string id, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", SqliteTime.ToStored(at));
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
