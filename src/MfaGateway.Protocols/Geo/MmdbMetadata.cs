namespace MfaGateway.Protocols.Geo;

/// <summary>The metadata map of a MaxMind DB file (spec v2, "Database Metadata"), validated.</summary>
public sealed record MmdbMetadata
{
    public required int BinaryFormatMajorVersion { get; init; }

    public required int BinaryFormatMinorVersion { get; init; }

    /// <summary>Nodes in the search tree.</summary>
    public required int NodeCount { get; init; }

    /// <summary>Bits per search-tree record: 24, 28 or 32.</summary>
    public required int RecordSize { get; init; }

    /// <summary>4 for an IPv4-only tree, 6 for a tree that holds IPv4 under ::/96 too.</summary>
    public required int IpVersion { get; init; }

    /// <summary>What the records look like, e.g. "GeoLite2-City" or "GeoLite2-ASN".</summary>
    public required string DatabaseType { get; init; }

    public required DateTimeOffset BuildTime { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyDictionary<string, string> Description { get; init; } = new Dictionary<string, string>();
}
