namespace MfaGateway.TestSupport.Mmdb;

/// <summary>What goes into a written database's metadata, and how its search tree is laid out.</summary>
public sealed record MmdbWriterOptions
{
    /// <summary>database_type, which tells readers the record shape, e.g. "MyCompany-ASN" or "GeoLite2-City".</summary>
    public required string DatabaseType { get; init; }

    /// <summary>6 (the default) holds IPv4 networks under ::/96 too; 4 holds IPv4 only.</summary>
    public int IpVersion { get; init; } = 6;

    /// <summary>24, 28 or 32 bits per search-tree record; larger sizes allow more nodes and data.</summary>
    public int RecordSize { get; init; } = 28;

    public IReadOnlyList<string> Languages { get; init; } = ["en"];

    public IReadOnlyDictionary<string, string> Description { get; init; } = new Dictionary<string, string>();

    /// <summary>build_epoch; a fixed value makes the output reproducible byte for byte.</summary>
    public DateTimeOffset BuildTime { get; init; } = DateTimeOffset.UnixEpoch;
}
