using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>The "country" map of a City or Country record: the parts the gateway reads.</summary>
internal sealed class CityRecordCountry
{
    [Constructor]
    public CityRecordCountry([MapKey("iso_code")] string? isoCode, [MapKey("names")] EnglishName? names)
    {
        IsoCode = isoCode;
        Name = names?.English;
    }

    public string? IsoCode { get; }

    public string? Name { get; }
}
