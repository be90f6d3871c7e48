namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteUserContactStore(SqliteDatabase database) : IUserContactStore
{
    public async Task<IReadOnlyList<ContactRecord>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, sealed_value, source, updated_at FROM user_contacts WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        var contacts = new List<ContactRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A kind this build does not know (a newer gateway wrote it) is left alone, not misread.
            if (Enum.TryParse<ContactKind>(reader.GetString(0), out var kind) && Enum.IsDefined((ContactSource)reader.GetInt32(2)))
            {
                contacts.Add(new ContactRecord(userId, kind, (byte[])reader.GetValue(1), (ContactSource)reader.GetInt32(2), SqliteTime.FromStored(reader.GetInt64(3))));
            }
        }

        return contacts;
    }

    public async Task<bool> SetAsync(ContactRecord contact, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();

        // One statement: a weaker source never overwrites a stronger one, whatever runs beside it.
        command.CommandText = """
            INSERT INTO user_contacts (user_id, kind, sealed_value, source, updated_at) VALUES ($user, $kind, $value, $source, $now)
            ON CONFLICT (user_id, kind) DO UPDATE SET sealed_value = excluded.sealed_value, source = excluded.source, updated_at = excluded.updated_at
                WHERE user_contacts.source <= excluded.source;
            """;
        command.Parameters.AddWithValue("$user", contact.UserId);
        command.Parameters.AddWithValue("$kind", contact.Kind.ToString());
        command.Parameters.AddWithValue("$value", contact.SealedValue);
        command.Parameters.AddWithValue("$source", (int)contact.Source);
        command.Parameters.AddWithValue("$now", SqliteTime.ToStored(contact.UpdatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
