using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Storage;

/// <summary>Per-connection settings hold on every pooled connection, not only on the first one opened.</summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Every_connection_open_at_once_commits_without_a_full_sync_and_checks_foreign_keys()
    {
        var connections = Enumerable.Range(0, 4).Select(_ => _database.Database.Open()).ToList();
        try
        {
            foreach (var connection in connections)
            {
                Assert.Equal(1L, Pragma(connection, "synchronous")); // NORMAL
                Assert.Equal(1L, Pragma(connection, "foreign_keys"));
                Assert.Equal("wal", Pragma(connection, "journal_mode"));
            }
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    private static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }
}
