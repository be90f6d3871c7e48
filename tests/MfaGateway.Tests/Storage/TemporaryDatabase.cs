using MfaGateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Storage;

/// <summary>A fresh SQLite database (all migrations applied) in its own directory, removed after the test.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-gateway-sqlite-").FullName;

    public TemporaryDatabase()
    {
        Database = new SqliteDatabase(Path.Combine(_directory, "gateway.db"));
        Database.Migrate();
        Users = new SqliteUserStore(Database);
        Factors = new SqliteFactorStore(Database);
    }

    public SqliteDatabase Database { get; }

    public SqliteUserStore Users { get; }

    public SqliteFactorStore Factors { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; they must go before the directory can.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
