using System.Net;
using MfaGateway.Validation;

namespace MfaGateway.Networking;

/// <summary>A rule's client-network condition: inside any listed network (if any are listed) and
/// outside every network written with a leading "!".</summary>
public sealed class NetworkCondition(NetworkList included, NetworkList excluded)
{
    public static readonly NetworkCondition Any = new(NetworkList.Empty, NetworkList.Empty);

    public bool Matches(IPAddress? client) =>
        (included.IsEmpty || included.Contains(client)) && !excluded.Contains(client);

    public static NetworkCondition Parse(IReadOnlyCollection<string> entries, string where, ICollection<ConfigError> errors)
    {
        if (entries.Count == 0)
        {
            return Any;
        }

        var included = entries.Where(e => !e.TrimStart().StartsWith('!'));
        var excluded = entries.Where(e => e.TrimStart().StartsWith('!')).Select(e => e.TrimStart()[1..]);
        return new NetworkCondition(NetworkList.Parse(included, where, errors), NetworkList.Parse(excluded, where, errors));
    }
}
