using System.Text;
using System.Text.Json;
using MfaGateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Audit;

/// <summary>The audit log in the embedded database; it lives with Audit so that Storage does not depend back on it.</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => AppendAsync([auditEvent], cancellationToken);

    public async Task AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO audit_events (at, realm, user_name, type, outcome, client_ip, user_agent, detail)
            VALUES ($at, $realm, $user, $type, $outcome, $ip, $agent, $detail);
            """;
        string[] names = ["$at", "$realm", "$user", "$type", "$outcome", "$ip", "$agent", "$detail"];
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var auditEvent in auditEvents)
        {
            object?[] values =
            [
                SqliteTime.ToStored(auditEvent.At),
                auditEvent.Realm,
                auditEvent.User,
                auditEvent.Type,
                auditEvent.Outcome,
                auditEvent.ClientIp,
                auditEvent.UserAgent,
                JsonSerializer.Serialize(auditEvent.Detail, AuditJsonContext.Default.IReadOnlyDictionaryStringString),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var where = new StringBuilder("WHERE 1 = 1");
        await using var count = connection.CreateCommand();
        await using var select = connection.CreateCommand();
        void Filter(string clause, string name, object value)
        {
            where.Append(" AND ").Append(clause);
            count.Parameters.AddWithValue(name, value);
            select.Parameters.AddWithValue(name, value);
        }

        if (query.Realm is not null)
        {
            Filter("realm = $realm", "$realm", query.Realm);
        }

        if (query.User is not null)
        {
            Filter("user_name = $user", "$user", query.User);
        }

        if (query.From is { } from)
        {
            Filter("at >= $from", "$from", SqliteTime.ToStored(from));
        }

        if (query.To is { } to)
        {
            Filter("at < $to", "$to", SqliteTime.ToStored(to));
        }

        if (query.Types is { Count: > 0 } types)
        {
            var names = types.Select((_, i) => $"$type{i}").ToList();
            where.Append(" AND type IN (").Append(string.Join(", ", names)).Append(')');
            for (var i = 0; i < types.Count; i++)
            {
                count.Parameters.AddWithValue(names[i], types[i]);
                select.Parameters.AddWithValue(names[i], types[i]);
            }
        }

        count.CommandText = $"SELECT COUNT(*) FROM audit_events {where};";
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        select.CommandText = $"""
            SELECT id, at, realm, user_name, type, outcome, client_ip, user_agent, detail FROM audit_events {where}
            ORDER BY at DESC, id DESC LIMIT $limit OFFSET $offset;
            """;
        select.Parameters.AddWithValue("$limit", query.PageSize);
        select.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return new AuditPage(events, query.Page, query.PageSize, total);
    }

    private static AuditEvent Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        SqliteTime.FromStored(reader.GetInt64(1)),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        JsonSerializer.Deserialize(reader.GetString(8), AuditJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>());
}
