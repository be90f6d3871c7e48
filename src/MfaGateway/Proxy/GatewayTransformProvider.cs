using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Identity;
using MfaGateway.PasswordChanges;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MfaGateway.Proxy;

/// <summary>
/// Composes the gateway's transforms, one per job. Every route, whether or not an app covers it,
/// strips the identity headers and gateway cookies a client sent and sets the gateway's own identity
/// headers (fail closed: a route that resolves to no app is still stripped). The response transforms
/// are added only where the route's app needs them (<see cref="RouteTransformNeeds"/>). YARP's
/// default X-Forwarded-* transforms stay on and replace what the client sent with the resolved values.
/// </summary>
public sealed class GatewayTransformProvider(
    GatewayConfigMonitor configMonitor,
    FormLoginInterceptor formLogin,
    AppSessionTracker sessionTracker,
    PasswordChangeWatcher passwordChanges,
    LoginCookieRegistry loginCookies) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        var routeId = context.Route.RouteId;
        context.RequestTransforms.Add(new StripClientIdentityHeadersTransform(configMonitor, routeId));
        context.RequestTransforms.Add(new StripGatewayCookiesTransform(configMonitor, loginCookies, routeId));
        context.RequestTransforms.Add(new SetIdentityHeadersTransform(configMonitor));

        var needs = RouteTransformNeeds.Of(context.Route);
        if (needs.HasFlag(AppTransforms.LoginResponse))
        {
            context.ResponseTransforms.Add(new LoginResponseTransform(formLogin));
        }

        // A password change often rotates the app session too (the demo bank's does), so rotation runs after it.
        if (needs.HasFlag(AppTransforms.PasswordChangeResponse))
        {
            context.ResponseTransforms.Add(new PasswordChangeResponseTransform(configMonitor, passwordChanges, routeId));
        }

        if (needs.HasFlag(AppTransforms.AppSessionRotation))
        {
            context.ResponseTransforms.Add(new AppSessionRotationTransform(sessionTracker));
        }
    }
}
