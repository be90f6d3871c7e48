namespace MfaGateway.Risk.Geo;

/// <summary>Where an address is, as far as the configured databases know; every part may be unknown.</summary>
/// <param name="CountryCode">ISO 3166-1 alpha-2, e.g. "DE".</param>
/// <param name="CountryName">English country name.</param>
/// <param name="City">English city name.</param>
/// <param name="Latitude">Approximate latitude of the network.</param>
/// <param name="Longitude">Approximate longitude of the network.</param>
/// <param name="AccuracyRadiusKm">How far from the point the address may be (MaxMind: 67% confidence), in km.</param>
/// <param name="Asn">Autonomous system number.</param>
/// <param name="AsnOrganization">Organisation that runs the autonomous system.</param>
public sealed record GeoPlace(
    string? CountryCode,
    string? CountryName,
    string? City,
    double? Latitude,
    double? Longitude,
    int? AccuracyRadiusKm,
    uint? Asn,
    string? AsnOrganization);
