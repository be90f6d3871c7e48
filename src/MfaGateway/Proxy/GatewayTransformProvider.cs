using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.PasswordChanges;
using MfaGateway.Sessions;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MfaGateway.Proxy;

/// <summary>
/// Transforms on every route: the identity headers a client sent are removed (in every spelling a
/// stack could read) and the gateway's own set; an SSO identity header from an untrusted peer is
/// removed; no gateway cookie and no repeated credential reaches the app, and the app's credentials go
/// only as far as the enforcement middleware vouched; login responses go to the form-login interceptor. YARP's default
/// X-Forwarded-* transforms stay on and replace what the client sent with the resolved values.
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
        var app = config.AppForRoute(routeId);
        var identity = context.Features.Get<UpstreamIdentityFeature>();
        var forwarding = identity is not null ? CredentialForwarding.SessionOnly : context.Features.Get<CredentialForwarding>() ?? CredentialForwarding.None;

        RemoveProtectedHeaders(transform, config, app, forwarding);
        ForwardCookies(transform, config, app, forwarding);

        if (identity is not null)
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

    /// <summary>
    /// Removes, in every spelling a CGI-style stack reads as the same header: the gateway's identity
    /// headers; the app's extra identity headers; its SSO header unless a trusted peer sent it under
    /// its exact name; and, unless the route is Bypass, the app's other credential headers.
    /// </summary>
    private static void RemoveProtectedHeaders(RequestTransformContext transform, GatewayConfig config, Apps.ProtectedApp? app, CredentialForwarding forwarding)
    {
        var context = transform.HttpContext;
        var trusted = app?.TrustedHeader;
        var trustedPeer = trusted is not null && trusted.TrustedNetworks.Contains(context.PeerAddress());
        List<string>? remove = null;
        foreach (var header in context.Request.Headers)
        {
            var name = header.Key;
            var drop = Names(config.IdentityHeaders, name)
                || (app is not null && Names(app.Credentials.StripHeaders, name))
                || (app is not null && !forwarding.Others && Names(app.Credentials.Headers, name))
                || (trusted is not null && HeaderName.SameForStacks(name, trusted.Header)
                    && !(trustedPeer && name.Equals(trusted.Header, StringComparison.OrdinalIgnoreCase)));
            if (drop)
            {
                (remove ??= []).Add(name);
            }
        }

        foreach (var name in remove ?? [])
        {
            RequestTransform.RemoveHeader(transform, name);
        }
    }

    private static bool Names(IReadOnlyList<string> protectedNames, string name)
    {
        foreach (var protectedName in protectedNames)
        {
            if (HeaderName.SameForStacks(name, protectedName))
            {
                return true;
            }
        }

        return false;
    }

    private void ForwardCookies(RequestTransformContext transform, GatewayConfig config, Apps.ProtectedApp? app, CredentialForwarding forwarding)
    {
        var original = transform.HttpContext.Request.Headers.Cookie;
        var filtered = UpstreamCookies.Filter(
            original,
            config.Session.CookieName,
            app?.Credentials ?? Apps.AppCredentials.None,
            app is null ? [] : loginCookies.For(app),
            forwarding);
        if (filtered is null)
        {
            return;
        }

        RequestTransform.RemoveHeader(transform, HeaderNames.Cookie);
        if (filtered.Length > 0)
        {
            RequestTransform.AddHeader(transform, HeaderNames.Cookie, filtered);
        }
    }
}
