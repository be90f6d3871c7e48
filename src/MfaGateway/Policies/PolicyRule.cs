using System.Net;
using MfaGateway.Networking;

namespace MfaGateway.Policies;

/// <summary>A compiled rule: every non-empty condition must hold.</summary>
public sealed class PolicyRule(
    string name,
    IReadOnlyList<HostPattern> hosts,
    IReadOnlyList<PathPattern> paths,
    IReadOnlySet<string> methods,
    NetworkCondition networks,
    IReadOnlySet<string> routes,
    RoutePolicy policy)
{
    public string Name { get; } = name;

    public RoutePolicy Policy { get; } = policy;

    /// <param name="path">One canonical reading of the request's path (see <see cref="CanonicalPath"/>).</param>
    public bool Matches(HttpRequest request, string path, string? routeId, IPAddress? client) =>
        (methods.Count == 0 || methods.Contains(request.Method))
        && (routes.Count == 0 || (routeId is not null && routes.Contains(routeId)))
        && (hosts.Count == 0 || AnyHost(request.Host))
        && (paths.Count == 0 || AnyPath(path))
        && networks.Matches(client);

    // Both indexed rather than enumerated: rules are matched on every proxied request, where an enumerator would be an allocation.
    private bool AnyHost(HostString host)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            if (hosts[i].Matches(host))
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyPath(string path)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i].MatchesReading(path))
            {
                return true;
            }
        }

        return false;
    }
}
