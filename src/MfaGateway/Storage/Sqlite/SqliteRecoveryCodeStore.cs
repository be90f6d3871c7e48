using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteRecoveryCodeStore(SqliteDatabase database) : IRecoveryCodeStore
{
    public async Task ReplaceAsync(long userId, byte[] salt, IReadOnlyList<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM recovery_codes WHERE user_id = $user;";
            delete.Parameters.AddWithValue("$user", userId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var hash in hashes)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO recovery_codes (user_id, code_hash, salt, created_at) VALUES ($user, $hash, $salt, $now);";
            insert.Parameters.AddWithValue("$user", userId);
            insert.Parameters.AddWithValue("$hash", hash);
            insert.Parameters.AddWithValue("$salt", salt);
            insert.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<byte[]?> GetSaltAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT salt FROM recovery_codes WHERE user_id = $user LIMIT 1;";
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<bool> TryUseAsync(long userId, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE recovery_codes SET used_at = $now WHERE user_id = $user AND code_hash = $hash AND used_at IS NULL;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> CountRemainingAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $user AND used_at IS NULL;";
        command.Parameters.AddWithValue("$user", userId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task RemoveAllAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM recovery_codes WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
