using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

/// <summary>
/// The embedded durable store: one SQLite file in the data directory, in WAL mode so readers never
/// wait for the writer. Connections are pooled by Microsoft.Data.Sqlite. Its schema is brought up to
/// date by <see cref="Migrate"/>, which start-up calls before the gateway listens.
/// </summary>
/// <remarks>
/// synchronous = NORMAL is a setting of each connection, not of the file, so every connection gets it
/// when opened: with the default (FULL) each commit waits for its own fsync of the WAL, which made
/// disk flushes the bottleneck of sign-ins. In WAL mode NORMAL keeps the database consistent after a
/// crash; a power cut may lose the last commits, which the gateway accepts for audit and history.
/// </remarks>
public sealed class SqliteDatabase
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            realm TEXT NOT NULL,
            user_name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_failure_at INTEGER,
            UNIQUE (realm, user_name)
        );
        CREATE TABLE factors (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            secret BLOB NOT NULL,
            settings TEXT NOT NULL,
            last_time_step INTEGER,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER
        );
        CREATE INDEX factors_by_user ON factors(user_id);
        """,
        """
        ALTER TABLE users ADD COLUMN mfa_required INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN window_failures INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN window_started_at INTEGER;
        ALTER TABLE users ADD COLUMN banned_until INTEGER;
        ALTER TABLE factors ADD COLUMN is_primary INTEGER NOT NULL DEFAULT 0;
        UPDATE factors SET is_primary = 1 WHERE id IN (SELECT MIN(id) FROM factors GROUP BY user_id);
        CREATE TABLE recovery_codes (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            code_hash BLOB NOT NULL,
            salt BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            used_at INTEGER,
            PRIMARY KEY (user_id, code_hash)
        );
        CREATE TABLE trusted_devices (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            browser TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            last_ip TEXT,
            trusted_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        CREATE INDEX trusted_devices_by_user ON trusted_devices(user_id);
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            realm TEXT NOT NULL,
            user_name TEXT,
            type TEXT NOT NULL,
            outcome TEXT NOT NULL,
            client_ip TEXT,
            user_agent TEXT,
            detail TEXT
        );
        CREATE INDEX audit_by_time ON audit_events(at);
        CREATE INDEX audit_by_user ON audit_events(realm, user_name, at);
        """,
        """
        ALTER TABLE users ADD COLUMN password_changed_at INTEGER;
        CREATE TABLE known_devices (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            device_id TEXT NOT NULL,
            browser TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            last_ip TEXT,
            last_place TEXT,
            PRIMARY KEY (user_id, device_id)
        );
        CREATE TABLE known_places (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            country TEXT NOT NULL,
            city TEXT NOT NULL,
            asn INTEGER NOT NULL,
            latitude REAL,
            longitude REAL,
            accuracy_km INTEGER,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            PRIMARY KEY (user_id, country, city, asn)
        );
        CREATE TABLE mfa_positions (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            place TEXT NOT NULL,
            latitude REAL,
            longitude REAL,
            accuracy_km INTEGER
        );
        """,
        """
        CREATE TABLE login_cookies (
            app TEXT NOT NULL,
            name TEXT NOT NULL,
            learned_at INTEGER NOT NULL,
            PRIMARY KEY (app, name)
        );
        """,
        """
        ALTER TABLE trusted_devices ADD COLUMN known_device_id TEXT;
        CREATE INDEX trusted_devices_by_known_device ON trusted_devices(user_id, known_device_id);
        """,
        """
        CREATE TABLE client_regulation (
            client TEXT PRIMARY KEY,
            window_started_at INTEGER,
            window_failures INTEGER NOT NULL DEFAULT 0,
            banned_until INTEGER
        );
        CREATE TABLE client_regulation_users (
            client TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            PRIMARY KEY (client, user_id)
        );
        CREATE INDEX client_regulation_users_by_user ON client_regulation_users(user_id);
        """,
        """
        ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE ended_sessions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            realm TEXT NOT NULL,
            user_name TEXT NOT NULL,
            session_id TEXT,
            epoch INTEGER NOT NULL,
            ended_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX ended_sessions_by_expiry ON ended_sessions(expires_at);
        """,
        """
        CREATE TABLE webauthn_credentials (
            credential_id BLOB PRIMARY KEY,
            factor_id TEXT NOT NULL UNIQUE REFERENCES factors(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            user_handle BLOB NOT NULL,
            public_key BLOB NOT NULL,
            sign_count INTEGER NOT NULL,
            aaguid TEXT NOT NULL,
            transports TEXT NOT NULL,
            backup_eligible INTEGER NOT NULL,
            backed_up INTEGER NOT NULL,
            attestation_format TEXT NOT NULL,
            possibly_cloned INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials(user_id);
        """,
        """
        CREATE TABLE notification_outbox (
            id TEXT PRIMARY KEY,
            realm TEXT NOT NULL,
            user_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            channel TEXT NOT NULL,
            sealed_message BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            lease_until INTEGER NOT NULL DEFAULT 0,
            delivered_at INTEGER,
            given_up_at INTEGER,
            last_error TEXT
        );
        CREATE INDEX notification_outbox_due ON notification_outbox(next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;
        """,
        """
        CREATE TABLE user_contacts (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            sealed_value BLOB NOT NULL,
            source INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, kind)
        );
        CREATE TABLE invitations (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            realm TEXT NOT NULL,
            user_name TEXT NOT NULL,
            app TEXT NOT NULL,
            secret_hash BLOB NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            browser_hash BLOB,
            claimed_at INTEGER,
            used_at INTEGER,
            revoked_at INTEGER
        );
        CREATE INDEX invitations_by_user ON invitations(user_id);
        """,
    ];

    private static readonly object Configured = new();

    private readonly string _connectionString;
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    /// <param name="logger">Told when an existing database file was readable by others and is tightened.</param>
    public SqliteDatabase(string filePath, ILogger? logger = null)
    {
        FilePath = filePath;
        KeepOwnerOnly(filePath, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,

            // Also how long a writer waits for another writer before failing (SQLITE_BUSY is retried).
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The schema version this build writes: the number of migrations it knows.</summary>
    public static int SchemaVersion => Migrations.Length;

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // A pooled connection keeps its native handle, and the handle its settings: only a handle not seen
        // before needs them (running them on every open was a third of the cost of a short query). Nothing
        // turns them off again; a handle the pool drops leaves this table with it.
        var handle = connection.Handle;
        if (handle is not null && _configured.TryGetValue(handle, out _))
        {
            return connection;
        }

        using var settings = connection.CreateCommand();
        // busy_timeout: a writer that finds the database locked waits inside SQLite, which retries within a
        // millisecond or two of the lock's release. Without it Microsoft.Data.Sqlite retries by itself after a
        // fixed Thread.Sleep(150): under eight concurrent sign-ins that sleep was 76 % of request-thread time
        // and put the flow benchmark's p99 at 471 ms (84 ms with it). 30 s matches the command timeout.
        settings.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        settings.ExecuteNonQuery();
        if (handle is not null)
        {
            _configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }

    /// <summary>
    /// Created 0600 before SQLite opens it, because SQLite gives the -wal and -shm files it creates
    /// the database file's mode; files from before this was done are tightened.
    /// </summary>
    private static void KeepOwnerOnly(string filePath, ILogger logger)
    {
        OwnerOnlyFiles.CreateFile(filePath);
        foreach (var path in new[] { filePath, filePath + "-wal", filePath + "-shm" })
        {
            OwnerOnlyFiles.Tighten(path, logger);
        }
    }

    /// <summary>Applies the migrations the file lacks, each in a transaction of its own.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or is not a SQLite database.</exception>
    /// <exception cref="DatabaseFromNewerVersionException">A newer gateway wrote the file; it is left untouched.</exception>
    public void Migrate()
    {
        using var connection = Open();

        // Read before anything is written: an older build must not switch a newer one's file to WAL or touch it at all.
        using var versionCommand = connection.CreateCommand();
        versionCommand.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(versionCommand.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new DatabaseFromNewerVersionException(FilePath, version, Migrations.Length);
        }

        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        for (var next = version; next < Migrations.Length; next++)
        {
            using var transaction = connection.BeginTransaction();
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = $"{Migrations[next]}\nPRAGMA user_version = {next + 1};";
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
