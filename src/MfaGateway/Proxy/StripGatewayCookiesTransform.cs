using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Identity;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Proxy;

/// <summary>
/// Rewrites the Cookie header the app receives (<see cref="UpstreamCookies"/>, once per connection while the header repeats: <see cref="UpstreamCookieMemo"/>): no gateway cookie and
/// no repeated credential ever goes, and the app's credentials go only as far as the enforcement
/// middleware vouched. On every route, with or without an app.
/// </summary>
public sealed class StripGatewayCookiesTransform(GatewayConfigMonitor configMonitor, LoginCookieRegistry loginCookies, string routeId) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var config = configMonitor.Current;
        var app = config.AppForRoute(routeId);
        var filtered = UpstreamCookieMemo.Filter(
            context.HttpContext,
            config.Session.CookieName,
            app,
            app is null ? [] : loginCookies.For(app),
            GatewayRequestFeature.Of(context.HttpContext).Forwarding);
        if (filtered is null)
        {
            return ValueTask.CompletedTask;
        }

        RemoveHeader(context, HeaderNames.Cookie);
        if (filtered.Length > 0)
        {
            AddHeader(context, HeaderNames.Cookie, filtered);
        }

        return ValueTask.CompletedTask;
    }
}
