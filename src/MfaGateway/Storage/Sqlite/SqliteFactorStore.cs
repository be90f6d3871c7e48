using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteFactorStore(SqliteDatabase database) : IFactorStore
{
    public async Task<IReadOnlyList<FactorRecord>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, user_id, type, name, secret, settings, last_time_step, created_at, last_used_at
            FROM factors WHERE user_id = $user ORDER BY created_at, id;
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
            INSERT INTO factors (id, user_id, type, name, secret, settings, last_time_step, created_at, last_used_at)
            SELECT $id, $user, $type, $name, $secret, $settings, $step, $created, $used
            WHERE NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user);
            """;
        command.Parameters.AddWithValue("$id", factor.Id);
        command.Parameters.AddWithValue("$user", factor.UserId);
        command.Parameters.AddWithValue("$type", factor.Type);
        command.Parameters.AddWithValue("$name", factor.Name);
        command.Parameters.AddWithValue("$secret", factor.ProtectedSecret);
        command.Parameters.AddWithValue("$settings", factor.Settings);
        command.Parameters.AddWithValue("$step", factor.LastTimeStep is null ? DBNull.Value : factor.LastTimeStep.Value);
        command.Parameters.AddWithValue("$created", SqliteTime.ToStored(factor.CreatedAt));
        command.Parameters.AddWithValue("$used", SqliteTime.ToStored(factor.LastUsedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
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

    private static FactorRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        (byte[])reader.GetValue(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        SqliteTime.FromStored(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : SqliteTime.FromStored(reader.GetInt64(8)));
}
