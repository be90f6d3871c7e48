using MfaGateway.Identity;
using MfaGateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Proxy;

/// <summary>Follows the app rotating or deleting its session cookie on a request the gateway vouched for (<see cref="AppSessionTracker"/>).</summary>
public sealed class AppSessionRotationTransform(AppSessionTracker sessionTracker) : ResponseTransform
{
    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        // Only responses that set cookies can rotate or end the app session.
        if (context.ProxyResponse is null
            || context.HttpContext.Response.Headers.SetCookie.Count == 0
            || GatewayRequestFeature.Of(context.HttpContext).Upstream is not { } vouched)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(sessionTracker.OnResponseAsync(context.HttpContext, vouched.Session));
    }
}
