using System.Net;

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

    /// <summary>Parses "10.0.0.0/8", "::1/128" or a single address. Errors name the offending entry.</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network, out string? error)
    {
        text = text.Trim();
        if (IPNetwork.TryParse(text, out network))
        {
            error = null;
            return true;
        }

        if (IPAddress.TryParse(text, out var single))
        {
            single = Normalize(single);
            network = new IPNetwork(single, single.GetAddressBytes().Length * 8);
            error = null;
            return true;
        }

        error = $"'{text}' is not an IP address or CIDR network (host bits must be zero, e.g. 10.0.0.0/8)";
        return false;
    }

    public static NetworkList Parse(IEnumerable<string> entries, string where, ICollection<string> errors)
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
                errors.Add($"{where}: {error}");
            }
        }

        return new NetworkList(networks);
    }
}
