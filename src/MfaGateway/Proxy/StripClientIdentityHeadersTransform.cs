using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Proxy;

/// <summary>
/// Removes, in every spelling a CGI-style stack reads as the same header: the gateway's identity
/// headers; the app's extra identity headers; its SSO header unless a trusted peer sent it under its
/// exact name; and, unless the request was vouched for that far, the app's other credential headers.
/// On every route, with or without an app: a client never names the user to the app.
/// </summary>
public sealed class StripClientIdentityHeadersTransform(GatewayConfigMonitor configMonitor, string routeId) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var config = configMonitor.Current;
        var app = config.AppForRoute(routeId);
        var forwarding = GatewayRequestFeature.Of(context.HttpContext).Forwarding;
        var trusted = app?.TrustedHeader;
        var trustedPeer = trusted is not null && trusted.TrustedNetworks.Contains(context.HttpContext.PeerAddress());
        List<string>? remove = null;
        foreach (var header in context.HttpContext.Request.Headers)
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

        if (remove is not null)
        {
            foreach (var name in remove)
            {
                RemoveHeader(context, name);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <remarks>Indexed rather than enumerated: an enumerator over a list seen as an interface is an allocation per header.</remarks>
    private static bool Names(IReadOnlyList<string> protectedNames, string name)
    {
        for (var i = 0; i < protectedNames.Count; i++)
        {
            if (HeaderName.SameForStacks(name, protectedNames[i]))
            {
                return true;
            }
        }

        return false;
    }
}
