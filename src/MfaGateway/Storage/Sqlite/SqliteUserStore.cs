using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns = "id, realm, user_name, created_at, consecutive_failures, mfa_required, banned_until, password_changed_at";

    public async Task<UserRecord> GetOrCreateAsync(string realm, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read first: every sign-in of a known user would otherwise take the database's one write lock
        // for an insert that does nothing, and queue behind (and ahead of) every other sign-in's writes.
        if (await FindAsync(realm, userName, cancellationToken) is { } existing)
        {
            return existing;
        }

        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO users (realm, user_name, created_at) VALUES ($realm, $user, $now)
                ON CONFLICT (realm, user_name) DO NOTHING;
            SELECT {Columns} FROM users WHERE realm = $realm AND user_name = $user;
            """;
        command.Parameters.AddWithValue("$realm", realm);
        command.Parameters.AddWithValue("$user", userName);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    public async Task<UserRecord?> FindAsync(string realm, string userName, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE realm = $realm AND user_name = $user;";
        command.Parameters.AddWithValue("$realm", realm);
        command.Parameters.AddWithValue("$user", userName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<FailureCounts?> CountAttemptAsync(long userId, DateTimeOffset now, TimeSpan window, int maxInWindow, int maxConsecutive, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();

        // One statement, so parallel attempts are counted one after another and the limits are tested
        // on the count each one leaves (SQLite serialises writers). Every SET expression and the WHERE
        // clause see the row as it was before the update, so all of them test the old window.
        command.CommandText = """
            UPDATE users SET
                consecutive_failures = consecutive_failures + 1,
                window_failures = CASE WHEN window_started_at IS NULL OR window_started_at <= $now - $window THEN 1 ELSE window_failures + 1 END,
                window_started_at = CASE WHEN window_started_at IS NULL OR window_started_at <= $now - $window THEN $now ELSE window_started_at END
            WHERE id = $id
                AND (banned_until IS NULL OR banned_until <= $now)
                AND consecutive_failures < $maxConsecutive
                AND (CASE WHEN window_started_at IS NULL OR window_started_at <= $now - $window THEN 0 ELSE window_failures END) < $maxInWindow
            RETURNING consecutive_failures, window_failures;
            """;
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        command.Parameters.AddWithValue("$window", (long)window.TotalMilliseconds);
        command.Parameters.AddWithValue("$maxInWindow", maxInWindow);
        command.Parameters.AddWithValue("$maxConsecutive", maxConsecutive);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FailureCounts(reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    public Task ReleaseAttemptAsync(long userId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET consecutive_failures = MAX(consecutive_failures - 1, 0), window_failures = MAX(window_failures - 1, 0) WHERE id = $id;", userId, null, cancellationToken);

    public Task ResetFailuresAsync(long userId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET consecutive_failures = 0, window_failures = 0, window_started_at = NULL WHERE id = $id AND (consecutive_failures <> 0 OR window_failures <> 0);", userId, null, cancellationToken);

    public Task BanAsync(long userId, DateTimeOffset until, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET banned_until = $value, window_failures = 0, window_started_at = NULL WHERE id = $id;", userId, SqliteTime.ToStored(until), cancellationToken);

    public Task UnlockAsync(long userId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET consecutive_failures = 0, window_failures = 0, window_started_at = NULL, banned_until = NULL WHERE id = $id;", userId, null, cancellationToken);

    public Task SetMfaRequiredAsync(long userId, bool required, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET mfa_required = $value WHERE id = $id;", userId, required ? 1 : 0, cancellationToken);

    public Task SetPasswordChangedAsync(long userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET password_changed_at = $value WHERE id = $id;", userId, SqliteTime.ToStored(at), cancellationToken);

    public async Task<IReadOnlyList<PasswordChange>> ListPasswordChangesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT realm, user_name, password_changed_at FROM users WHERE password_changed_at > $since;";
        command.Parameters.AddWithValue("$since", SqliteTime.ToStored(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<PasswordChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new PasswordChange(reader.GetString(0), reader.GetString(1), SqliteTime.FromStored(reader.GetInt64(2))));
        }

        return changes;
    }

    private async Task ExecuteAsync(string sql, long userId, object? value, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", userId);
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static UserRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        SqliteTime.FromStored(reader.GetInt64(3)),
        reader.GetInt32(4),
        reader.GetInt64(5) != 0,
        reader.IsDBNull(6) ? null : SqliteTime.FromStored(reader.GetInt64(6)))
    {
        PasswordChangedAt = reader.IsDBNull(7) ? null : SqliteTime.FromStored(reader.GetInt64(7)),
    };
}
