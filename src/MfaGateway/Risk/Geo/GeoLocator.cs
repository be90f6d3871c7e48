using System.Net;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// Locates addresses with the City (or Country) database and the ASN database of the compiled settings,
/// each reloaded when its file changes. Safe for concurrent use.
/// </summary>
public sealed class GeoLocator : IGeoLocator, IDisposable
{
    private readonly ReloadingGeoDatabase? location;
    private readonly ReloadingGeoDatabase? asn;

    public GeoLocator(GeoIpSettings settings, ILogger<GeoLocator> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (settings.Location is { } locationSource)
        {
            location = new ReloadingGeoDatabase(locationSource, logger, timeProvider);
        }

        if (settings.Asn is { } asnSource)
        {
            asn = new ReloadingGeoDatabase(asnSource, logger, timeProvider);
        }
    }

    public bool LocationEnabled => location is not null;

    public bool AsnEnabled => asn is not null;

    public GeoPlace? Locate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (SpecialPurposeAddresses.Contains(address))
        {
            return null;
        }

        // A Country database answers through the City record shape with the city parts empty.
        var city = location?.Place(address);
        var system = asn?.Place(address);
        if (city is null && system is null)
        {
            return null;
        }

        return new GeoPlace(
            city?.CountryCode,
            city?.CountryName,
            city?.City,
            city?.Latitude,
            city?.Longitude,
            city?.AccuracyRadiusKm,
            system?.Asn,
            system?.AsnOrganization);
    }

    public void Dispose()
    {
        location?.Dispose();
        asn?.Dispose();
    }
}
