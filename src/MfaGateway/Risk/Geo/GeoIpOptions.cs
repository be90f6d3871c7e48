namespace MfaGateway.Risk.Geo;

/// <summary>
/// The "Gateway:GeoIp" section: MaxMind DB files (GeoIP2/GeoLite2 or an operator's own) that locate
/// client addresses. Relative paths are resolved against the config file's folder.
/// </summary>
public sealed class GeoIpOptions
{
    public const string SectionName = "Gateway:GeoIp";

    /// <summary>A City database (e.g. GeoLite2-City.mmdb): country, city and coordinates.</summary>
    public string? CityDatabase { get; set; }

    /// <summary>A Country database, used only when no <see cref="CityDatabase"/> is configured.</summary>
    public string? CountryDatabase { get; set; }

    /// <summary>An ASN database (e.g. GeoLite2-ASN.mmdb): autonomous system number and organisation.</summary>
    public string? AsnDatabase { get; set; }

    /// <summary>
    /// When true, a missing or unusable file is a warning and the signals it would give are off, so the
    /// gateway still starts; when false (the default) it stops start-up like any other config error.
    /// </summary>
    public bool Optional { get; set; }
}
