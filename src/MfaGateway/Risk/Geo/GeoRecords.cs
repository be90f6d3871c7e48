using MfaGateway.Risk.Reputation;

namespace MfaGateway.Risk.Geo;

/// <summary>The decoded records in the gateway's shapes; the loader's probe reads through the same code.</summary>
internal static class GeoRecords
{
    public static GeoPlace? Place(CityRecord? record) => record is null
        ? null
        : new GeoPlace(
            record.Country?.IsoCode,
            record.Country?.Name,
            record.City?.Name,
            record.Location?.Latitude,
            record.Location?.Longitude,
            record.Location?.AccuracyRadius,
            null,
            null);

    public static GeoPlace? Place(AsnRecord? record) => record?.Number is not { } number
        ? null
        : new GeoPlace(null, null, null, null, null, null, number is >= 0 and <= uint.MaxValue ? (uint)number : null, record.Organization);

    public static AnonymousIpFlags Flags(AnonymousIpRecord? record)
    {
        if (record is null)
        {
            return AnonymousIpFlags.None;
        }

        var flags = AnonymousIpFlags.None;
        flags |= record.Vpn ? AnonymousIpFlags.Vpn : AnonymousIpFlags.None;
        flags |= record.HostingProvider ? AnonymousIpFlags.HostingProvider : AnonymousIpFlags.None;
        flags |= record.TorExitNode ? AnonymousIpFlags.TorExitNode : AnonymousIpFlags.None;
        flags |= record.PublicProxy ? AnonymousIpFlags.PublicProxy : AnonymousIpFlags.None;
        flags |= record.ResidentialProxy ? AnonymousIpFlags.ResidentialProxy : AnonymousIpFlags.None;
        return flags;
    }
}
