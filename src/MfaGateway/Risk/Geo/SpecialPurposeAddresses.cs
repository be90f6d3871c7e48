using System.Net;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// Addresses that name no place on the internet (IANA special-purpose registries, RFC 6890 and later), so
/// they are never looked up: an internal client must not get whatever location a database might carry.
/// </summary>
internal static class SpecialPurposeAddresses
{
    private static readonly IPNetwork[] Networks =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network"
        IPNetwork.Parse("10.0.0.0/8"), // private (RFC 1918)
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT: the subscriber sits behind the carrier
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link-local
        IPNetwork.Parse("172.16.0.0/12"), // private (RFC 1918)
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"), // documentation (TEST-NET-1)
        IPNetwork.Parse("192.168.0.0/16"), // private (RFC 1918)
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation (TEST-NET-2)
        IPNetwork.Parse("203.0.113.0/24"), // documentation (TEST-NET-3)
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, and the limited broadcast address
        IPNetwork.Parse("::/127"), // unspecified and loopback
        IPNetwork.Parse("64:ff9b:1::/48"), // local-use NAT64
        IPNetwork.Parse("100::/64"), // discard-only
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("3fff::/20"), // documentation (RFC 9637)
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    /// <summary>True for addresses that are never located. Expects IPv4-mapped IPv6 already mapped to IPv4.</summary>
    public static bool Contains(IPAddress address)
    {
        foreach (var network in Networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
