using MfaGateway.Risk.Geo;

namespace MfaGateway.Risk;

/// <summary>Places as people read them: "Lisbon, Portugal", "Portugal".</summary>
public static class PlaceNames
{
    public static string Describe(GeoPlace place)
    {
        var country = place.CountryName ?? place.CountryCode ?? "an unknown country";
        return string.IsNullOrEmpty(place.City) ? country : $"{place.City}, {country}";
    }
}
