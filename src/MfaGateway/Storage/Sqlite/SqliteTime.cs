namespace MfaGateway.Storage.Sqlite;

/// <summary>Times are stored as Unix milliseconds: sortable, compact, and the same in PostgreSQL later.</summary>
internal static class SqliteTime
{
    public static long ToStored(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromStored(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static object ToStored(DateTimeOffset? time) => time is null ? DBNull.Value : time.Value.ToUnixTimeMilliseconds();
}
