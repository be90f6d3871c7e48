using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteInvitationStore(SqliteDatabase database) : IInvitationStore
{
    private const string Columns = "id, user_id, realm, user_name, app, secret_hash, created_by, created_at, expires_at, browser_hash, claimed_at, used_at, revoked_at";

    public async Task AddAsync(InvitationRecord invitation, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO invitations (id, user_id, realm, user_name, app, secret_hash, created_by, created_at, expires_at)
            VALUES ($id, $user, $realm, $name, $app, $hash, $by, $created, $expires);
            """;
        command.Parameters.AddWithValue("$id", invitation.Id);
        command.Parameters.AddWithValue("$user", invitation.UserId);
        command.Parameters.AddWithValue("$realm", invitation.Realm);
        command.Parameters.AddWithValue("$name", invitation.UserName);
        command.Parameters.AddWithValue("$app", invitation.App);
        command.Parameters.AddWithValue("$hash", invitation.SecretHash);
        command.Parameters.AddWithValue("$by", invitation.CreatedBy);
        command.Parameters.AddWithValue("$created", SqliteTime.ToStored(invitation.CreatedAt));
        command.Parameters.AddWithValue("$expires", SqliteTime.ToStored(invitation.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<InvitationRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM invitations WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> ClaimAsync(string id, byte[] browserHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE invitations SET browser_hash = $browser, claimed_at = $now
            WHERE id = $id AND browser_hash IS NULL AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $now;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$browser", browserHash);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE invitations SET used_at = $now WHERE id = $id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $now;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> RevokeAllAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE invitations SET revoked_at = $now WHERE user_id = $user AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $now;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InvitationRecord>> ListOpenAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM invitations
            WHERE user_id = $user AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $now ORDER BY created_at DESC;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        var open = new List<InvitationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(Read(reader));
        }

        return open;
    }

    private static InvitationRecord Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), (byte[])reader.GetValue(5), reader.GetString(6),
            SqliteTime.FromStored(reader.GetInt64(7)), SqliteTime.FromStored(reader.GetInt64(8)))
        {
            BrowserHash = reader.IsDBNull(9) ? null : (byte[])reader.GetValue(9),
            ClaimedAt = Time(reader, 10),
            UsedAt = Time(reader, 11),
            RevokedAt = Time(reader, 12),
        };

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : SqliteTime.FromStored(reader.GetInt64(ordinal));
}
