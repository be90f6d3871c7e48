using MfaGateway.Configuration;
using MfaGateway.PasswordChanges;
using MfaGateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Proxy;

/// <summary>
/// Watches the app's own password-change form: a change it accepted for the vouched user ends their
/// other sessions (and counts as a risk signal). Runs before <see cref="AppSessionRotationTransform"/>,
/// which then follows the session this one may have re-issued.
/// </summary>
public sealed class PasswordChangeResponseTransform(GatewayConfigMonitor configMonitor, PasswordChangeWatcher passwordChanges, string routeId) : ResponseTransform
{
    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var http = context.HttpContext;

        // Only a POST can be a password change: other requests skip the app lookup.
        if (context.ProxyResponse is null
            || !HttpMethods.IsPost(http.Request.Method)
            || GatewayRequestFeature.Of(http).Upstream is not { } vouched
            || configMonitor.Current.AppForRoute(routeId) is not { } app
            || !PasswordChangeWatcher.Watches(app, http.Request))
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(passwordChanges.OnResponseAsync(http, app, vouched.Session));
    }
}
