using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns = "id, realm, user_name, created_at, consecutive_failures";

    public async Task<UserRecord> GetOrCreateAsync(string realm, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
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

    public async Task<int> RecordFailureAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE users SET consecutive_failures = consecutive_failures + 1, last_failure_at = $now
            WHERE id = $id RETURNING consecutive_failures;
            """;
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ResetFailuresAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET consecutive_failures = 0 WHERE id = $id AND consecutive_failures <> 0;";
        command.Parameters.AddWithValue("$id", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static UserRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        SqliteTime.FromStored(reader.GetInt64(3)),
        reader.GetInt32(4));
}
