using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteFactorStore(SqliteDatabase database) : IFactorStore
{
    public async Task<IReadOnlyList<FactorRecord>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, user_id, type, name, secret, settings, last_time_step, created_at, last_used_at, is_primary
            FROM factors WHERE user_id = $user ORDER BY is_primary DESC, created_at, id;
            """;
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var factors = new List<FactorRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            factors.Add(Read(reader));
        }

        return factors;
    }

    public async Task<bool> AddFirstAsync(FactorRecord factor, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO factors (id, user_id, type, name, secret, settings, last_time_step, created_at, last_used_at, is_primary)
            SELECT $id, $user, $type, $name, $secret, $settings, $step, $created, $used, 1
            WHERE NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user);
            """;
        AddFactorParameters(command, factor);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task AddAsync(FactorRecord factor, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO factors (id, user_id, type, name, secret, settings, last_time_step, created_at, last_used_at, is_primary)
            VALUES ($id, $user, $type, $name, $secret, $settings, $step, $created, $used,
                    NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user));
            """;
        AddFactorParameters(command, factor);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(long userId, string factorId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM factors WHERE id = $id AND user_id = $user;
            UPDATE factors SET is_primary = 1
            WHERE user_id = $user AND NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user AND is_primary = 1)
              AND id = (SELECT id FROM factors WHERE user_id = $user ORDER BY created_at, id LIMIT 1);
            """;
        command.Parameters.AddWithValue("$id", factorId);
        command.Parameters.AddWithValue("$user", userId);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task<bool> RemoveUnlessLastAsync(long userId, string factorId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();

        // Serializable is BEGIN IMMEDIATE: the count and the delete see no other writer in between.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = """
            DELETE FROM factors WHERE id = $id AND user_id = $user
              AND (SELECT COUNT(*) FROM factors WHERE user_id = $user) > 1;
            """;
        delete.Parameters.AddWithValue("$id", factorId);
        delete.Parameters.AddWithValue("$user", userId);
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        if (removed)
        {
            await using var primary = connection.CreateCommand();
            primary.Transaction = transaction;
            primary.CommandText = """
                UPDATE factors SET is_primary = 1
                WHERE user_id = $user AND NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user AND is_primary = 1)
                  AND id = (SELECT id FROM factors WHERE user_id = $user ORDER BY created_at, id LIMIT 1);
                """;
            primary.Parameters.AddWithValue("$user", userId);
            await primary.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task<int> RemoveAllAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM factors WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RenameAsync(long userId, string factorId, string name, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE factors SET name = $name WHERE id = $id AND user_id = $user;";
        command.Parameters.AddWithValue("$id", factorId);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> SetPrimaryAsync(long userId, string factorId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE factors SET is_primary = (id = $id)
            WHERE user_id = $user AND EXISTS (SELECT 1 FROM factors WHERE id = $id AND user_id = $user);
            """;
        command.Parameters.AddWithValue("$id", factorId);
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static void AddFactorParameters(SqliteCommand command, FactorRecord factor)
    {
        command.Parameters.AddWithValue("$id", factor.Id);
        command.Parameters.AddWithValue("$user", factor.UserId);
        command.Parameters.AddWithValue("$type", factor.Type);
        command.Parameters.AddWithValue("$name", factor.Name);
        command.Parameters.AddWithValue("$secret", factor.ProtectedSecret);
        command.Parameters.AddWithValue("$settings", factor.Settings);
        command.Parameters.AddWithValue("$step", factor.LastTimeStep is null ? DBNull.Value : factor.LastTimeStep.Value);
        command.Parameters.AddWithValue("$created", SqliteTime.ToStored(factor.CreatedAt));
        command.Parameters.AddWithValue("$used", SqliteTime.ToStored(factor.LastUsedAt));
    }

    public async Task<bool> TryAdvanceTimeStepAsync(string factorId, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE factors SET last_time_step = $step, last_used_at = $now
            WHERE id = $id AND (last_time_step IS NULL OR last_time_step < $step);
            """;
        command.Parameters.AddWithValue("$id", factorId);
        command.Parameters.AddWithValue("$step", timeStep);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> MarkUsedAsync(string factorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE factors SET last_used_at = $now WHERE id = $id;";
        command.Parameters.AddWithValue("$id", factorId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static FactorRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        (byte[])reader.GetValue(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        SqliteTime.FromStored(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : SqliteTime.FromStored(reader.GetInt64(8)),
        reader.GetInt64(9) != 0);
}
