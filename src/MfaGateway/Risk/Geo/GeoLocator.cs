using System.Net;
using MfaGateway.Protocols.Geo;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// Locates addresses with the City (or Country) database and the ASN database of the compiled settings,
/// each reloaded when its file changes. Safe for concurrent use.
/// </summary>
public sealed class GeoLocator : IGeoLocator, IDisposable
{
    private readonly ReloadingGeoDatabase? location;
    private readonly ReloadingGeoDatabase? asn;
    private readonly bool hasCities;

    public GeoLocator(GeoIpSettings settings, ILogger<GeoLocator> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (settings.Location is { } locationSource)
        {
            location = new ReloadingGeoDatabase(locationSource, logger, timeProvider);
            hasCities = locationSource.Role == GeoDatabaseRole.City;
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

        // Static lambdas: the compiler caches them, so a lookup allocates nothing but the answer.
        GeoCity? city = null;
        if (location is not null)
        {
            city = hasCities
                ? location.Lookup(address, static (database, a) => database.City(a))?.Record
                : location.Lookup(address, static (database, a) => database.Country(a)) is { } country
                    ? new GeoCity(country.Record.IsoCode, country.Record.Name, null, null, null, null)
                    : null;
        }

        var system = asn?.Lookup(address, static (database, a) => database.Asn(a))?.Record;
        if (city is null && system is null)
        {
            return null;
        }

        return new GeoPlace(
            city?.CountryIsoCode,
            city?.CountryName,
            city?.CityName,
            city?.Latitude,
            city?.Longitude,
            city?.AccuracyRadiusKm,
            system?.Number,
            system?.Organization);
    }

    public void Dispose()
    {
        location?.Dispose();
        asn?.Dispose();
    }
}
