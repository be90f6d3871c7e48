using MfaGateway.Apps;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>
/// What YARP's routes say about the gateway: the policy in a route's "MfaPolicy" metadata, and which
/// app serves each route (named by the app's Routes or by the route's "MfaApp" metadata).
/// </summary>
internal static class RouteMetadataCompiler
{
    public static Dictionary<string, Policies.RoutePolicy> CompilePolicies(IReadOnlyList<ProxyRouteInfo> routes, CompiledPolicies policies, ICollection<ConfigError> errors)
    {
        var result = new Dictionary<string, Policies.RoutePolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes.Where(r => r.PolicyName is not null))
        {
            if (PolicyCompiler.Lookup(policies, route.PolicyName, $"ReverseProxy:Routes:{route.RouteId}:Metadata:{ProxySectionReader.PolicyMetadataKey}", errors) is { } policy)
            {
                result[route.RouteId] = policy;
            }
        }

        return result;
    }

    public static (Dictionary<string, ProtectedApp> ByRoute, ProtectedApp? Default) MapApps(
        GatewayOptions options, IReadOnlyList<ProxyRouteInfo> routes, IReadOnlyDictionary<string, ProtectedApp> apps, ICollection<ConfigError> errors)
    {
        var byRoute = new Dictionary<string, ProtectedApp>(StringComparer.OrdinalIgnoreCase);
        void Claim(string routeId, string appName, string where)
        {
            if (!apps.TryGetValue(appName, out var app))
            {
                if (!options.Apps.ContainsKey(appName))
                {
                    errors.Add(where, $"unknown app '{appName}'");
                }

                return;
            }

            if (byRoute.TryGetValue(routeId, out var other) && other != app)
            {
                errors.Add(where, $"route '{routeId}' is claimed by both '{other.Name}' and '{app.Name}'");
                return;
            }

            byRoute[routeId] = app;
        }

        foreach (var (appName, app) in options.Apps)
        {
            foreach (var routeId in app.Routes)
            {
                Claim(routeId, appName, $"Gateway:Apps:{appName}:Routes");
            }
        }

        foreach (var route in routes.Where(r => r.AppName is not null))
        {
            Claim(route.RouteId, route.AppName!, $"ReverseProxy:Routes:{route.RouteId}:Metadata:{ProxySectionReader.AppMetadataKey}");
        }

        var claiming = byRoute.Values.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unclaimed = apps.Values.Where(a => !claiming.Contains(a.Name)).ToList();
        if (unclaimed.Count > 1)
        {
            errors.Add("Gateway:Apps", $"{string.Join(", ", unclaimed.Select(a => a.Name))} name no routes; only one app may cover the routes nobody claims");
        }

        return (byRoute, unclaimed.Count == 1 ? unclaimed[0] : null);
    }
}
