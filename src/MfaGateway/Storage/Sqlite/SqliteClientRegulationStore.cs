using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteClientRegulationStore(SqliteDatabase database) : IClientRegulationStore
{
    public async Task<int?> CountAttemptAsync(string client, long userId, DateTimeOffset now, TimeSpan window, int maxInWindow, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // The upsert's WHERE sees the row before the update: a banned address, or one whose current
        // window is full, is not counted and RETURNING gives no row. Writers are serialised, so
        // parallel attempts each see the count the previous one left.
        command.CommandText = """
            INSERT INTO client_regulation (client, window_started_at, window_failures) VALUES ($client, $now, 1)
            ON CONFLICT (client) DO UPDATE SET
                window_failures = CASE WHEN window_started_at IS NULL OR window_started_at <= $now - $window THEN 1 ELSE window_failures + 1 END,
                window_started_at = CASE WHEN window_started_at IS NULL OR window_started_at <= $now - $window THEN $now ELSE window_started_at END
            WHERE (banned_until IS NULL OR banned_until <= $now)
                AND (CASE WHEN window_started_at IS NULL OR window_started_at <= $now - $window THEN 0 ELSE window_failures END) < $max
            RETURNING window_failures;
            """;
        command.Parameters.AddWithValue("$client", client);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        command.Parameters.AddWithValue("$window", (long)window.TotalMilliseconds);
        command.Parameters.AddWithValue("$max", maxInWindow);
        int? count = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                count = reader.GetInt32(0);
            }
        }

        if (count is not null)
        {
            await using var remember = connection.CreateCommand();
            remember.Transaction = transaction;
            remember.CommandText = """
                INSERT INTO client_regulation_users (client, user_id, at) VALUES ($client, $user, $now)
                ON CONFLICT (client, user_id) DO UPDATE SET at = excluded.at;
                """;
            remember.Parameters.AddWithValue("$client", client);
            remember.Parameters.AddWithValue("$user", userId);
            remember.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public Task ReleaseAttemptAsync(string client, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE client_regulation SET window_failures = MAX(window_failures - 1, 0) WHERE client = $client;", client, null, cancellationToken);

    public Task BanAsync(string client, DateTimeOffset until, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE client_regulation SET banned_until = $value, window_failures = 0, window_started_at = NULL WHERE client = $client;", client, SqliteTime.ToStored(until), cancellationToken);

    public async Task<DateTimeOffset?> BannedUntilAsync(string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT banned_until FROM client_regulation WHERE client = $client AND banned_until > $now;";
        command.Parameters.AddWithValue("$client", client);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteScalarAsync(cancellationToken) is long until ? SqliteTime.FromStored(until) : null;
    }

    public async Task<IReadOnlyList<string>> LiftForUserAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """
            SELECT client FROM client_regulation
                WHERE banned_until > $now AND client IN (SELECT client FROM client_regulation_users WHERE user_id = $user);
            """;
        select.Parameters.AddWithValue("$user", userId);
        select.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        var lifted = new List<string>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lifted.Add(reader.GetString(0));
            }
        }

        await using var clear = connection.CreateCommand();
        clear.Transaction = transaction;
        clear.CommandText = """
            UPDATE client_regulation SET banned_until = NULL, window_failures = 0, window_started_at = NULL
                WHERE client IN (SELECT client FROM client_regulation_users WHERE user_id = $user);
            DELETE FROM client_regulation_users WHERE user_id = $user;
            """;
        clear.Parameters.AddWithValue("$user", userId);
        await clear.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lifted;
    }

    private async Task ExecuteAsync(string sql, string client, object? value, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$client", client);
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
