using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteSessionEndStore(SqliteDatabase database) : ISessionEndStore
{
    public async Task<SessionEnd> EndAllAsync(string realm, string userName, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();

        // IMMEDIATE: two ends at once (CLI and gateway) each get their own epoch, never the same one.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO users (realm, user_name, created_at) VALUES ($realm, $user, $now)
                ON CONFLICT (realm, user_name) DO NOTHING;
            UPDATE users SET session_epoch = session_epoch + 1 WHERE realm = $realm AND user_name = $user;
            INSERT INTO ended_sessions (realm, user_name, session_id, epoch, ended_at, expires_at)
                SELECT realm, user_name, NULL, session_epoch, $now, $until FROM users WHERE realm = $realm AND user_name = $user
                RETURNING seq, epoch;
            """;
        command.Parameters.AddWithValue("$realm", realm);
        command.Parameters.AddWithValue("$user", userName);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        command.Parameters.AddWithValue("$until", SqliteTime.ToStored(keepUntil));
        SessionEnd end;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            end = new SessionEnd(reader.GetInt64(0), realm, userName, null, reader.GetInt64(1), keepUntil);
        }

        await transaction.CommitAsync(cancellationToken);
        return end;
    }

    public async Task<SessionEnd> EndOneAsync(string realm, string userName, string sessionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ended_sessions (realm, user_name, session_id, epoch, ended_at, expires_at)
                VALUES ($realm, $user, $id, 0, $now, $until) RETURNING seq;
            """;
        command.Parameters.AddWithValue("$realm", realm);
        command.Parameters.AddWithValue("$user", userName);
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        command.Parameters.AddWithValue("$until", SqliteTime.ToStored(expiresAt));
        var sequence = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return new SessionEnd(sequence, realm, userName, sessionId, 0, expiresAt);
    }

    public async Task<IReadOnlyList<SessionEnd>> ListEpochsAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT realm, user_name, session_epoch FROM users WHERE session_epoch > 0;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var epochs = new List<SessionEnd>();
        while (await reader.ReadAsync(cancellationToken))
        {
            epochs.Add(new SessionEnd(0, reader.GetString(0), reader.GetString(1), null, reader.GetInt64(2), DateTimeOffset.MaxValue));
        }

        return epochs;
    }

    public async Task<IReadOnlyList<SessionEnd>> ListSinceAsync(long afterSequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, realm, user_name, session_id, epoch, expires_at FROM ended_sessions
            WHERE seq > $after AND expires_at > $now ORDER BY seq;
            """;
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ends = new List<SessionEnd>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ends.Add(Read(reader));
        }

        return ends;
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM ended_sessions WHERE expires_at <= $now;";
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SessionEnd Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetInt64(4),
        SqliteTime.FromStored(reader.GetInt64(5)));
}
