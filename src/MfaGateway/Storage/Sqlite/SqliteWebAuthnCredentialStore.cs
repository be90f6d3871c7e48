using Fido2NetLib.Objects;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Storage.Sqlite;

public sealed class SqliteWebAuthnCredentialStore(SqliteDatabase database) : IWebAuthnCredentialStore
{
    private const string Columns = """
        credential_id, factor_id, user_id, user_handle, public_key, sign_count, aaguid, transports,
        backup_eligible, backed_up, attestation_format, possibly_cloned, created_at
        """;

    public async Task<IReadOnlyList<WebAuthnCredential>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webauthn_credentials WHERE user_id = $user ORDER BY created_at, factor_id;";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var credentials = new List<WebAuthnCredential>();
        while (await reader.ReadAsync(cancellationToken))
        {
            credentials.Add(Read(reader));
        }

        return credentials;
    }

    public async Task<WebAuthnCredential?> FindAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webauthn_credentials WHERE credential_id = $id;";
        command.Parameters.AddWithValue("$id", credentialId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<CredentialAddResult> AddAsync(FactorRecord factor, WebAuthnCredential credential, bool first, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var taken = connection.CreateCommand())
        {
            taken.Transaction = transaction;
            taken.CommandText = "SELECT 1 FROM webauthn_credentials WHERE credential_id = $id;";
            taken.Parameters.AddWithValue("$id", credential.CredentialId);
            if (await taken.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return CredentialAddResult.CredentialTaken;
            }
        }

        await using (var insertFactor = connection.CreateCommand())
        {
            insertFactor.Transaction = transaction;
            insertFactor.CommandText = """
                INSERT INTO factors (id, user_id, type, name, secret, settings, last_time_step, created_at, last_used_at, is_primary)
                SELECT $id, $user, $type, $name, $secret, $settings, NULL, $created, $used,
                       NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user)
                WHERE NOT $first OR NOT EXISTS (SELECT 1 FROM factors WHERE user_id = $user);
                """;
            insertFactor.Parameters.AddWithValue("$id", factor.Id);
            insertFactor.Parameters.AddWithValue("$user", factor.UserId);
            insertFactor.Parameters.AddWithValue("$type", factor.Type);
            insertFactor.Parameters.AddWithValue("$name", factor.Name);
            insertFactor.Parameters.AddWithValue("$secret", factor.ProtectedSecret);
            insertFactor.Parameters.AddWithValue("$settings", factor.Settings);
            insertFactor.Parameters.AddWithValue("$created", SqliteTime.ToStored(factor.CreatedAt));
            insertFactor.Parameters.AddWithValue("$used", SqliteTime.ToStored(factor.LastUsedAt));
            insertFactor.Parameters.AddWithValue("$first", first);
            if (await insertFactor.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return CredentialAddResult.AlreadyEnrolled;
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"""
                INSERT INTO webauthn_credentials ({Columns})
                VALUES ($id, $factor, $user, $handle, $key, $count, $aaguid, $transports, $be, $bs, $format, $cloned, $created);
                """;
            insert.Parameters.AddWithValue("$id", credential.CredentialId);
            insert.Parameters.AddWithValue("$factor", credential.FactorId);
            insert.Parameters.AddWithValue("$user", credential.UserId);
            insert.Parameters.AddWithValue("$handle", credential.UserHandle);
            insert.Parameters.AddWithValue("$key", credential.ProtectedPublicKey);
            insert.Parameters.AddWithValue("$count", (long)credential.SignCount);
            insert.Parameters.AddWithValue("$aaguid", credential.Aaguid.ToString("D"));
            insert.Parameters.AddWithValue("$transports", string.Join(',', credential.Transports));
            insert.Parameters.AddWithValue("$be", credential.BackupEligible);
            insert.Parameters.AddWithValue("$bs", credential.BackedUp);
            insert.Parameters.AddWithValue("$format", credential.AttestationFormat);
            insert.Parameters.AddWithValue("$cloned", credential.PossiblyCloned);
            insert.Parameters.AddWithValue("$created", SqliteTime.ToStored(credential.CreatedAt));
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: a parallel registration of the same id got there first; the factor row goes with the rollback.
                return CredentialAddResult.CredentialTaken;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return CredentialAddResult.Added;
    }

    public async Task<bool> TryRecordUseAsync(byte[] credentialId, uint expected, uint next, bool backedUp, bool flagClone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE webauthn_credentials
            SET sign_count = MAX(sign_count, $next), backed_up = $bs, possibly_cloned = possibly_cloned OR $clone
            WHERE credential_id = $id AND sign_count = $expected;
            """;
        command.Parameters.AddWithValue("$id", credentialId);
        command.Parameters.AddWithValue("$expected", (long)expected);
        command.Parameters.AddWithValue("$next", (long)next);
        command.Parameters.AddWithValue("$bs", backedUp);
        command.Parameters.AddWithValue("$clone", flagClone);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await using var used = connection.CreateCommand();
        used.Transaction = transaction;
        used.CommandText = "UPDATE factors SET last_used_at = $now WHERE id = (SELECT factor_id FROM webauthn_credentials WHERE credential_id = $id);";
        used.Parameters.AddWithValue("$id", credentialId);
        used.Parameters.AddWithValue("$now", SqliteTime.ToStored(now));
        await used.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static WebAuthnCredential Read(SqliteDataReader reader) => new(
        (byte[])reader.GetValue(0),
        reader.GetString(1),
        reader.GetInt64(2),
        (byte[])reader.GetValue(3),
        (byte[])reader.GetValue(4),
        (uint)reader.GetInt64(5),
        Guid.Parse(reader.GetString(6)),
        [.. reader.GetString(7).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => Enum.Parse<AuthenticatorTransport>(t))],
        reader.GetInt64(8) != 0,
        reader.GetInt64(9) != 0,
        reader.GetString(10),
        reader.GetInt64(11) != 0,
        SqliteTime.FromStored(reader.GetInt64(12)));
}
