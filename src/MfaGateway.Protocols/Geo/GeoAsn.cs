namespace MfaGateway.Protocols.Geo;

/// <summary>A GeoLite2/GeoIP2 ASN record; absent fields are null.</summary>
/// <param name="Number">autonomous_system_number.</param>
/// <param name="Organization">autonomous_system_organization.</param>
public sealed record GeoAsn(uint? Number, string? Organization);
