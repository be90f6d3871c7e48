using MaxMind.GeoIP2.Responses;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Risk.Geo;

/// <summary>MaxMind's response records in the gateway's shapes; the loader's probe reads through the same code.</summary>
internal static class GeoRecords
{
    public static GeoPlace? Place(CityResponse? record) => record is null
        ? null
        : new GeoPlace(
            record.Country.IsoCode,
            record.Country.Name,
            record.City.Name,
            record.Location.Latitude,
            record.Location.Longitude,
            record.Location.AccuracyRadius,
            null,
            null);

    public static GeoPlace? Place(AsnResponse? record) => record?.AutonomousSystemNumber is not { } number
        ? null
        : new GeoPlace(null, null, null, null, null, null, number is >= 0 and <= uint.MaxValue ? (uint)number : null, record.AutonomousSystemOrganization);

    public static AnonymousIpFlags Flags(AnonymousIPResponse? record)
    {
        if (record is null)
        {
            return AnonymousIpFlags.None;
        }

        var flags = AnonymousIpFlags.None;
        flags |= record.IsAnonymousVpn ? AnonymousIpFlags.Vpn : AnonymousIpFlags.None;
        flags |= record.IsHostingProvider ? AnonymousIpFlags.HostingProvider : AnonymousIpFlags.None;
        flags |= record.IsTorExitNode ? AnonymousIpFlags.TorExitNode : AnonymousIpFlags.None;
        flags |= record.IsPublicProxy ? AnonymousIpFlags.PublicProxy : AnonymousIpFlags.None;
        flags |= record.IsResidentialProxy ? AnonymousIpFlags.ResidentialProxy : AnonymousIpFlags.None;
        return flags;
    }
}
