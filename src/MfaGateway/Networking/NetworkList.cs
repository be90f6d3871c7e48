using System.Globalization;
using System.Net;
using MfaGateway.Validation;

namespace MfaGateway.Networking;

/// <summary>A set of IP networks. IPv4-mapped IPv6 addresses are compared as IPv4, because a
/// dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.</summary>
public sealed class NetworkList
{
    public static readonly NetworkList Empty = new([]);

    private readonly IPNetwork[] _networks;

    public NetworkList(IEnumerable<IPNetwork> networks) => _networks = [.. networks];

    public bool IsEmpty => _networks.Length == 0;

    public bool Contains(IPAddress? address)
    {
        if (address is null || _networks.Length == 0)
        {
            return false;
        }

        var normalized = Normalize(address);
        foreach (var network in _networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Parses "10.0.0.0/8", "2001:db8::/32" or a single address, strictly: IPv4 only as four decimal
    /// numbers (the BCL also reads "10", "192.168.1", octal "010.0.0.0" and hex, which would silently
    /// name other networks, "010.0.0.0/8" being the public 8.0.0.0/8), and no host bits after the
    /// prefix (a typo like "10.0.0.1/8" must not quietly widen to a whole network).
    /// </summary>
    public static bool TryParseNetwork(string text, out IPNetwork network, out string? error)
    {
        text = text.Trim();
        network = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!StrictAddress.TryParse(addressText, out var address))
        {
            error = $"'{text}' is not an IP address or CIDR network (write IPv4 as four decimal numbers, e.g. 10.0.0.0/8)";
            return false;
        }

        var maxPrefix = address.GetAddressBytes().Length * 8;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            error = $"'{text}' has an invalid prefix length (0 to {maxPrefix})";
            return false;
        }

        // Addresses are compared as IPv4 when IPv4-mapped, so a mapped network must become the IPv4 network it denotes.
        if (address.IsIPv4MappedToIPv6)
        {
            if (prefix < 96)
            {
                error = $"'{text}' mixes IPv4-mapped and other IPv6 addresses; use a prefix of at least /96, or the IPv4 form";
                return false;
            }

            address = address.MapToIPv4();
            prefix -= 96;
        }

        if (!HasNoHostBits(address, prefix))
        {
            error = $"'{text}' has host bits set after the prefix: write the network address (e.g. 10.0.0.0/8), or the single address without a prefix";
            return false;
        }

        network = new IPNetwork(address, prefix);
        error = null;
        return true;
    }

    private static bool HasNoHostBits(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }

    public static NetworkList Parse(IEnumerable<string> entries, string where, ICollection<ConfigError> errors)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (TryParseNetwork(entry, out var network, out var error))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add(where, error!);
            }
        }

        return new NetworkList(networks);
    }
}
