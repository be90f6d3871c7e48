namespace MfaGateway.Protocols.Geo;

/// <summary>The country of a GeoIP2/GeoLite2 Country or City record; absent fields are null.</summary>
/// <param name="IsoCode">country.iso_code, e.g. "DE".</param>
/// <param name="Name">country.names.en.</param>
public sealed record GeoCountry(string? IsoCode, string? Name);
