using MfaGateway.Storage;

namespace MfaGateway.Administration;

/// <summary>A browser the user passed MFA on, which risk checks treat as known. The device id stays private.</summary>
/// <param name="LastPlace">Where it was last seen ("Lisbon, Portugal"), when the address could be located.</param>
public sealed record KnownDeviceStatus(string Browser, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? LastIp, string? LastPlace)
{
    public static KnownDeviceStatus From(KnownDevice device) =>
        new(device.Browser, device.FirstSeen, device.LastSeen, device.LastIp, device.LastPlace);
}

/// <summary>A place the user signed in from, which the new-location trigger treats as known.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="City">Empty when the GeoIP database names no city.</param>
/// <param name="Asn">The network's autonomous system number, when an ASN database is configured.</param>
public sealed record KnownPlaceStatus(string Country, string City, long? Asn, DateTimeOffset FirstSeen, DateTimeOffset LastSeen)
{
    public static KnownPlaceStatus From(KnownPlace place) =>
        new(place.Country, place.City, place.Asn == 0 ? null : place.Asn, place.FirstSeen, place.LastSeen);
}
