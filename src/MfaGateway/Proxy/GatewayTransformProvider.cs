using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.Risk.PasswordChanges;
using MfaGateway.Sessions;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MfaGateway.Proxy;

/// <summary>
/// Transforms on every route: the identity headers a client sent are removed and the gateway's own
/// set; an SSO identity header from an untrusted peer is removed; the gateway's cookie and header
/// never reach the app; login responses are handed to the form-login interceptor. YARP's default
/// X-Forwarded-* transforms stay on and replace what the client sent with the resolved values.
/// </summary>
public sealed class GatewayTransformProvider(
    GatewayConfigMonitor configMonitor,
    FormLoginInterceptor formLogin,
    AppSessionTracker sessionTracker,
    PasswordChangeWatcher passwordChanges) : ITransformProvider
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
        context.AddRequestTransform(transform => ApplyIdentity(transform, routeId));
        context.AddResponseTransform(transform =>
        {
            if (transform.ProxyResponse is null)
            {
                return ValueTask.CompletedTask;
            }

            var features = transform.HttpContext.Features;
            if (features.Get<LoginAttemptFeature>() is { } attempt)
            {
                return new ValueTask(formLogin.OnLoginResponseAsync(transform, attempt));
            }

            if (features.Get<UpstreamIdentityFeature>() is not { } vouched)
            {
                return ValueTask.CompletedTask;
            }

            // Only a POST can be a password change: other requests skip the app lookup.
            if (HttpMethods.IsPost(transform.HttpContext.Request.Method)
                && configMonitor.Current.AppForRoute(routeId) is { } app
                && PasswordChangeWatcher.Watches(app, transform.HttpContext.Request))
            {
                return new ValueTask(OnPasswordChangeResponseAsync(transform.HttpContext, app, vouched));
            }

            // Only responses that set cookies can rotate or end the app session.
            return transform.HttpContext.Response.Headers.SetCookie.Count > 0
                ? new ValueTask(sessionTracker.OnResponseAsync(transform.HttpContext, vouched.Session))
                : ValueTask.CompletedTask;
        });
    }

    /// <summary>A password change often rotates the app session too (the demo bank's does), so both are looked at.</summary>
    private async Task OnPasswordChangeResponseAsync(HttpContext context, Apps.ProtectedApp app, UpstreamIdentityFeature vouched)
    {
        await passwordChanges.OnResponseAsync(context, app, vouched.Session.User);
        if (context.Response.Headers.SetCookie.Count > 0)
        {
            await sessionTracker.OnResponseAsync(context, vouched.Session);
        }
    }

    private ValueTask ApplyIdentity(RequestTransformContext transform, string routeId)
    {
        var config = configMonitor.Current;
        var headers = config.UpstreamHeaders;
        var context = transform.HttpContext;
        RemoveClientHeader(transform, headers.User);
        RemoveClientHeader(transform, headers.Factors);
        RemoveClientHeader(transform, headers.AuthenticatedAt);
        RemoveClientHeader(transform, config.Session.Header);

        var app = config.AppForRoute(routeId);
        if (app?.TrustedHeader is { } trusted && !trusted.TrustedNetworks.Contains(context.PeerAddress()))
        {
            RemoveClientHeader(transform, trusted.Header);
        }

        RemoveGatewayCookies(transform, ChallengeCookie.NameFor(context.Request.IsHttps), app is null ? null : GatewaySessionCookies.CookieName(app, context.Request.IsHttps));

        if (context.Features.Get<UpstreamIdentityFeature>() is { } identity)
        {
            RequestTransform.AddHeader(transform, headers.User, identity.Session.User);
            RequestTransform.AddHeader(transform, headers.Factors, identity.FactorsHeader);
            if (identity.AuthenticatedAtHeader is { } authenticatedAt)
            {
                RequestTransform.AddHeader(transform, headers.AuthenticatedAt, authenticatedAt);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Checking the incoming headers first is much cheaper than removing from the outgoing request.</summary>
    private static void RemoveClientHeader(RequestTransformContext transform, string name)
    {
        if (transform.HttpContext.Request.Headers.ContainsKey(name))
        {
            RequestTransform.RemoveHeader(transform, name);
        }
    }

    /// <summary>The app never sees the gateway's cookies: they are the gateway's secrets, not the app's.</summary>
    private static void RemoveGatewayCookies(RequestTransformContext transform, string challengeCookie, string? sessionCookie)
    {
        var original = transform.HttpContext.Request.Headers.Cookie;
        if (StringValues.IsNullOrEmpty(original))
        {
            return;
        }

        var changed = false;
        var kept = new string?[original.Count];
        for (var i = 0; i < original.Count; i++)
        {
            kept[i] = CookieHeader.Without(original[i] ?? string.Empty, challengeCookie, sessionCookie);
            changed |= !ReferenceEquals(kept[i], original[i]);
        }

        if (!changed)
        {
            return;
        }

        RequestTransform.RemoveHeader(transform, HeaderNames.Cookie);
        var remaining = kept.Where(v => !string.IsNullOrEmpty(v)).ToArray();
        if (remaining.Length > 0)
        {
            RequestTransform.AddHeader(transform, HeaderNames.Cookie, new StringValues(remaining));
        }
    }
}
