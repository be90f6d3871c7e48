using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteRiskHistoryStore(SqliteDatabase database) : IRiskHistoryStore
{
    private const string DeviceColumns = "user_id, device_id, browser, first_seen, last_seen, last_ip, last_place";
    private const string PlaceColumns = "country, city, asn, latitude, longitude, accuracy_km, first_seen, last_seen";

    public async Task<RiskHistory> ReadForRiskAsync(long userId, string? deviceId, bool places, bool lastMfa, CancellationToken cancellationToken)
    {
        if (deviceId is null && !places && !lastMfa)
        {
            return RiskHistory.None;
        }

        // One connection and one command for the statements asked for, read in order: a pooled open
        // and a command per statement were most of what an evaluation cost.
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        var statements = new List<string>(3);
        if (deviceId is not null)
        {
            statements.Add("SELECT 1 FROM known_devices WHERE user_id = $user AND device_id = $device;");
            command.Parameters.AddWithValue("$device", deviceId);
        }

        if (places)
        {
            statements.Add($"SELECT {PlaceColumns} FROM known_places WHERE user_id = $user ORDER BY last_seen DESC;");
        }

        if (lastMfa)
        {
            statements.Add("SELECT at, place, latitude, longitude, accuracy_km FROM mfa_positions WHERE user_id = $user;");
        }

        command.CommandText = string.Join('\n', statements);
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deviceKnown = false;
        if (deviceId is not null)
        {
            deviceKnown = await reader.ReadAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
        }

        var known = new List<KnownPlace>();
        if (places)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(ReadPlace(reader));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        var position = lastMfa && await reader.ReadAsync(cancellationToken) ? ReadPosition(reader) : null;
        return new RiskHistory(deviceKnown, known, position);
    }

    public async Task<KnownDevice?> FindDeviceAsync(long userId, string deviceId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DeviceColumns} FROM known_devices WHERE user_id = $user AND device_id = $device;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$device", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDevice(reader) : null;
    }

    public async Task<IReadOnlyList<KnownDevice>> ListDevicesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DeviceColumns} FROM known_devices WHERE user_id = $user ORDER BY last_seen DESC;";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<KnownDevice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(ReadDevice(reader));
        }

        return devices;
    }

    public async Task RememberDeviceAsync(KnownDevice device, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = RememberDeviceCommand(connection, device);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ForgetDeviceAsync(long userId, string deviceId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM known_devices WHERE user_id = $user AND device_id = $device;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$device", deviceId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> ForgetAllDevicesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM known_devices WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<KnownPlace>> ListPlacesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PlaceColumns} FROM known_places WHERE user_id = $user ORDER BY last_seen DESC;";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var places = new List<KnownPlace>();
        while (await reader.ReadAsync(cancellationToken))
        {
            places.Add(ReadPlace(reader));
        }

        return places;
    }

    public async Task RememberPlaceAsync(long userId, KnownPlace place, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = RememberPlaceCommand(connection, userId, place);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MfaPosition?> FindMfaPositionAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, place, latitude, longitude, accuracy_km FROM mfa_positions WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPosition(reader) : null;
    }

    public async Task SetMfaPositionAsync(long userId, MfaPosition position, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = SetMfaPositionCommand(connection, userId, position);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordMfaAsync(KnownDevice device, KnownPlace? place, MfaPosition position, CancellationToken cancellationToken)
    {
        // One transaction, one commit: three autocommitted upserts were three WAL commits, each taking
        // the write lock that every other sign-in waits for.
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = RememberDeviceCommand(connection, device))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (place is not null)
        {
            await using var command = RememberPlaceCommand(connection, device.UserId, place);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = SetMfaPositionCommand(connection, device.UserId, position))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static SqliteCommand RememberDeviceCommand(SqliteConnection connection, KnownDevice device)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO known_devices ({DeviceColumns}) VALUES ($user, $device, $browser, $first, $last, $ip, $place)
                ON CONFLICT (user_id, device_id) DO UPDATE SET
                    browser = excluded.browser, last_seen = excluded.last_seen, last_ip = excluded.last_ip,
                    last_place = COALESCE(excluded.last_place, known_devices.last_place);
            """;
        command.Parameters.AddWithValue("$user", device.UserId);
        command.Parameters.AddWithValue("$device", device.DeviceId);
        command.Parameters.AddWithValue("$browser", device.Browser);
        command.Parameters.AddWithValue("$first", SqliteTime.ToStored(device.FirstSeen));
        command.Parameters.AddWithValue("$last", SqliteTime.ToStored(device.LastSeen));
        command.Parameters.AddWithValue("$ip", (object?)device.LastIp ?? DBNull.Value);
        command.Parameters.AddWithValue("$place", (object?)device.LastPlace ?? DBNull.Value);
        return command;
    }

    private static SqliteCommand RememberPlaceCommand(SqliteConnection connection, long userId, KnownPlace place)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO known_places (user_id, {PlaceColumns}) VALUES ($user, $country, $city, $asn, $lat, $lon, $accuracy, $first, $last)
                ON CONFLICT (user_id, country, city, asn) DO UPDATE SET
                    latitude = excluded.latitude, longitude = excluded.longitude, accuracy_km = excluded.accuracy_km,
                    last_seen = excluded.last_seen;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$country", place.Country);
        command.Parameters.AddWithValue("$city", place.City);
        command.Parameters.AddWithValue("$asn", place.Asn);
        command.Parameters.AddWithValue("$lat", (object?)place.Latitude ?? DBNull.Value);
        command.Parameters.AddWithValue("$lon", (object?)place.Longitude ?? DBNull.Value);
        command.Parameters.AddWithValue("$accuracy", (object?)place.AccuracyKm ?? DBNull.Value);
        command.Parameters.AddWithValue("$first", SqliteTime.ToStored(place.FirstSeen));
        command.Parameters.AddWithValue("$last", SqliteTime.ToStored(place.LastSeen));
        return command;
    }

    private static SqliteCommand SetMfaPositionCommand(SqliteConnection connection, long userId, MfaPosition position)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO mfa_positions (user_id, at, place, latitude, longitude, accuracy_km) VALUES ($user, $at, $place, $lat, $lon, $accuracy)
                ON CONFLICT (user_id) DO UPDATE SET at = excluded.at, place = excluded.place,
                    latitude = excluded.latitude, longitude = excluded.longitude, accuracy_km = excluded.accuracy_km;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$at", SqliteTime.ToStored(position.At));
        command.Parameters.AddWithValue("$place", position.Place);
        command.Parameters.AddWithValue("$lat", (object?)position.Latitude ?? DBNull.Value);
        command.Parameters.AddWithValue("$lon", (object?)position.Longitude ?? DBNull.Value);
        command.Parameters.AddWithValue("$accuracy", (object?)position.AccuracyKm ?? DBNull.Value);
        return command;
    }

    private static KnownPlace ReadPlace(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.IsDBNull(3) ? null : reader.GetDouble(3),
        reader.IsDBNull(4) ? null : reader.GetDouble(4),
        reader.IsDBNull(5) ? null : reader.GetInt32(5),
        SqliteTime.FromStored(reader.GetInt64(6)),
        SqliteTime.FromStored(reader.GetInt64(7)));

    private static MfaPosition ReadPosition(SqliteDataReader reader) => new(
        SqliteTime.FromStored(reader.GetInt64(0)),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetDouble(2),
        reader.IsDBNull(3) ? null : reader.GetDouble(3),
        reader.IsDBNull(4) ? null : reader.GetInt32(4));

    private static KnownDevice ReadDevice(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        SqliteTime.FromStored(reader.GetInt64(3)),
        SqliteTime.FromStored(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
