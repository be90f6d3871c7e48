namespace MfaGateway.Risk.Geo;

public sealed record GeoPlace(string? CountryCode, string? CountryName, string? City, double? Latitude, double? Longitude, int? AccuracyRadiusKm, long? Asn, string? AsnOrganization);
