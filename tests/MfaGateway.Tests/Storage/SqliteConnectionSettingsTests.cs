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
                Assert.Equal(30000L, Pragma(connection, "busy_timeout"));
            }
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    [Fact]
    public void A_connection_handed_back_by_the_pool_keeps_its_settings_and_fresh_ones_get_them()
    {
        SQLitePCL.sqlite3? first;
        using (var connection = _database.Database.Open())
        {
            first = connection.Handle;
        }

        // Reopened one at a time the pool hands back the same native connection, which is not configured again.
        for (var i = 0; i < 3; i++)
        {
            using var connection = _database.Database.Open();
            Assert.Same(first, connection.Handle);
            Assert.Equal(1L, Pragma(connection, "synchronous"));
            Assert.Equal(1L, Pragma(connection, "foreign_keys"));
        }

        // After the pool is emptied the native connections are new and are configured when opened.
        SqliteConnection.ClearAllPools();
        using var fresh = _database.Database.Open();
        Assert.NotSame(first, fresh.Handle);
        Assert.Equal(1L, Pragma(fresh, "synchronous"));
        Assert.Equal(1L, Pragma(fresh, "foreign_keys"));
        Assert.Equal(30000L, Pragma(fresh, "busy_timeout"));
    }

    private static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }
}
