namespace MfaGateway.Protocols.Geo;

/// <summary>The fields of a GeoIP2/GeoLite2 City record the gateway uses; absent fields are null.</summary>
/// <param name="CountryIsoCode">country.iso_code, e.g. "DE".</param>
/// <param name="CountryName">country.names.en.</param>
/// <param name="CityName">city.names.en.</param>
/// <param name="Latitude">location.latitude.</param>
/// <param name="Longitude">location.longitude.</param>
/// <param name="AccuracyRadiusKm">location.accuracy_radius: the 67% confidence radius around the point, in km.</param>
public sealed record GeoCity(
    string? CountryIsoCode,
    string? CountryName,
    string? CityName,
    double? Latitude,
    double? Longitude,
    int? AccuracyRadiusKm);
