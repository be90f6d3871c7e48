using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// A City (or Country) record as the gateway reads it. MaxMind's CityResponse decodes the whole record on
/// every lookup (every language's names, subdivisions, postal code, registered and represented country,
/// traits); this decodes the three maps <see cref="GeoRecords"/> uses and lets the reader skip the rest.
/// A Country database has no "city" or "location": those stay null.
/// </summary>
internal sealed class CityRecord
{
    [Constructor]
    public CityRecord(
        [MapKey("country")] CityRecordCountry? country,
        [MapKey("city")] CityRecordCity? city,
        [MapKey("location")] CityRecordLocation? location)
    {
        Country = country;
        City = city;
        Location = location;
    }

    public CityRecordCountry? Country { get; }

    public CityRecordCity? City { get; }

    public CityRecordLocation? Location { get; }
}
