using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>The "location" map of a City record: the point and its accuracy, for impossible travel (not the time zone or metro code).</summary>
internal sealed class CityRecordLocation
{
    [Constructor]
    public CityRecordLocation(
        [MapKey("latitude")] double? latitude,
        [MapKey("longitude")] double? longitude,
        [MapKey("accuracy_radius")] int? accuracyRadius)
    {
        Latitude = latitude;
        Longitude = longitude;
        AccuracyRadius = accuracyRadius;
    }

    public double? Latitude { get; }

    public double? Longitude { get; }

    public int? AccuracyRadius { get; }
}
