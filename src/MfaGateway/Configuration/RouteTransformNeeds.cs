using System.Globalization;
using MfaGateway.Apps;
using Yarp.ReverseProxy.Configuration;

namespace MfaGateway.Configuration;

/// <summary>
/// Which response transforms each route gets, written into the route's metadata when a configuration
/// is compiled. YARP rebuilds a route's transforms only when the route itself changes, so recording
/// the app's needs on the route is what makes a reload that gives an app a login form (or takes it
/// away) rebuild that route's transforms. Stamping is part of compiling a configuration, so it lives
/// here; Proxy only reads the stamp back (<see cref="Of"/>).
/// </summary>
public static class RouteTransformNeeds
{
    public const string MetadataKey = "MfaGateway.AppTransforms";

    public static IReadOnlyList<RouteConfig> Stamp(IReadOnlyList<RouteConfig> routes, GatewayConfig config) =>
        [.. routes.Select(route => Stamp(route, For(config.AppForRoute(route.RouteId))))];

    public static AppTransforms For(ProtectedApp? app)
    {
        var needs = AppTransforms.None;
        if (app?.FormLogin is not null)
        {
            needs |= AppTransforms.LoginResponse | AppTransforms.AppSessionRotation;
        }

        if (app?.PasswordChange is not null)
        {
            needs |= AppTransforms.PasswordChangeResponse;
        }

        return needs;
    }

    /// <summary>What the route's metadata says; a route nobody stamped gets every transform (each still checks at run time).</summary>
    public static AppTransforms Of(RouteConfig route) =>
        route.Metadata?.TryGetValue(MetadataKey, out var value) == true
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var needs)
            && (needs & ~(int)AppTransforms.All) == 0
                ? (AppTransforms)needs
                : AppTransforms.All;

    private static RouteConfig Stamp(RouteConfig route, AppTransforms needs)
    {
        var metadata = new Dictionary<string, string>(route.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
        {
            [MetadataKey] = ((int)needs).ToString(CultureInfo.InvariantCulture),
        };
        return route with { Metadata = metadata };
    }
}
