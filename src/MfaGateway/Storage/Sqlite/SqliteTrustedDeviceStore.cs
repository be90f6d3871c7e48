using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteTrustedDeviceStore(SqliteDatabase database) : ITrustedDeviceStore
{
    private const string Columns = "id, user_id, browser, first_seen, last_seen, last_ip, trusted_at, expires_at, revoked_at, known_device_id";

    public async Task AddAsync(TrustedDeviceRecord device, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO trusted_devices ({Columns}) VALUES ($id, $user, $browser, $first, $last, $ip, $trusted, $expires, NULL, $known);";
        command.Parameters.AddWithValue("$id", device.Id);
        command.Parameters.AddWithValue("$user", device.UserId);
        command.Parameters.AddWithValue("$browser", device.Browser);
        command.Parameters.AddWithValue("$first", SqliteTime.ToStored(device.FirstSeen));
        command.Parameters.AddWithValue("$last", SqliteTime.ToStored(device.LastSeen));
        command.Parameters.AddWithValue("$ip", (object?)device.LastIp ?? DBNull.Value);
        command.Parameters.AddWithValue("$trusted", SqliteTime.ToStored(device.TrustedAt));
        command.Parameters.AddWithValue("$expires", SqliteTime.ToStored(device.ExpiresAt));
        command.Parameters.AddWithValue("$known", (object?)device.KnownDeviceId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<TrustedDeviceRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM trusted_devices WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<TrustedDeviceRecord>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM trusted_devices WHERE user_id = $user AND revoked_at IS NULL AND expires_at > $now ORDER BY last_seen DESC;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<TrustedDeviceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(Read(reader));
        }

        return devices;
    }

    public async Task TouchAsync(string id, DateTimeOffset now, string? ip, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE trusted_devices SET last_seen = $now, last_ip = $ip WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        command.Parameters.AddWithValue("$ip", (object?)ip ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(long userId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE trusted_devices SET revoked_at = $now WHERE id = $id AND user_id = $user AND revoked_at IS NULL;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<string>> RevokeAllAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE trusted_devices SET revoked_at = $now WHERE user_id = $user AND revoked_at IS NULL RETURNING id;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await ReadIdsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RevokeLinkedAsync(long userId, string knownDeviceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE trusted_devices SET revoked_at = $now WHERE user_id = $user AND known_device_id = $known AND revoked_at IS NULL RETURNING id;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$known", knownDeviceId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await ReadIdsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListRevokedUnexpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM trusted_devices WHERE revoked_at IS NOT NULL AND expires_at > $now;";
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await ReadIdsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadIdsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static TrustedDeviceRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        SqliteTime.FromStored(reader.GetInt64(3)),
        SqliteTime.FromStored(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        SqliteTime.FromStored(reader.GetInt64(6)),
        SqliteTime.FromStored(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : SqliteTime.FromStored(reader.GetInt64(8)))
    {
        KnownDeviceId = reader.IsDBNull(9) ? null : reader.GetString(9),
    };
}
