using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>The "city" map of a City record: only its English name is read (not its geoname id or confidence).</summary>
internal sealed class CityRecordCity
{
    [Constructor]
    public CityRecordCity([MapKey("names")] EnglishName? names) => Name = names?.English;

    public string? Name { get; }
}
