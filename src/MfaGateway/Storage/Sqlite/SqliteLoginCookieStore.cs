namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteLoginCookieStore(SqliteDatabase database) : ILoginCookieStore
{
    public async Task<IReadOnlyList<(string App, string Name)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT app, name FROM login_cookies ORDER BY app, name;";
        var names = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add((reader.GetString(0), reader.GetString(1)));
        }

        return names;
    }

    public async Task AddAsync(string app, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO login_cookies (app, name, learned_at) VALUES ($app, $name, $at);";
        command.Parameters.AddWithValue("$app", app);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", SqliteTime.ToStored(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
