namespace MfaGateway.Risk.Geo;

/// <summary>The compiled "Gateway:GeoIp" section: the databases that passed validation.</summary>
public sealed record GeoIpSettings
{
    /// <summary>No databases: location and ASN signals are off.</summary>
    public static GeoIpSettings Disabled { get; } = new();

    /// <summary>The City database, or the Country database when no City database is configured.</summary>
    public GeoDatabaseSource? Location { get; init; }

    public GeoDatabaseSource? Asn { get; init; }
}
