using System.Net;
using System.Net.Sockets;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Addresses that only mean something inside one site. A public reputation provider knows nothing
/// about them (and sending them would leak the internal layout), and no hosting ASN owns them.
/// </summary>
public static class AddressScope
{
    /// <summary>Loopback, RFC 1918 private, link-local, unique-local (fc00::/7), CGNAT (100.64.0.0/10) and unspecified.</summary>
    public static bool IsPrivateOrLocal(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var length))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPrivateOrLocalV4(b[..length]);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivateOrLocalV4(b[12..16]);
        }

        var unspecifiedOrLoopback = b[..15].IndexOfAnyExcept((byte)0) < 0 && b[15] <= 1;
        return unspecifiedOrLoopback
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // fe80::/10 link-local
            || (b[0] & 0xfe) == 0xfc; // fc00::/7 unique-local
    }

    private static bool IsPrivateOrLocalV4(ReadOnlySpan<byte> b) =>
        b[0] is 0 or 10 or 127
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 172 && (b[1] & 0xf0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 100 && (b[1] & 0xc0) == 64);
}
