using System.Net;
using Microsoft.Extensions.Primitives;

namespace MfaGateway.Networking;

/// <summary>
/// Believes X-Forwarded-For/Proto/Host only when the TCP peer is in a trusted proxy network, walking
/// the X-Forwarded-For chain from the right while the hops are trusted proxies. The resolved client
/// replaces RemoteIpAddress, scheme and host, so YARP's default X-Forwarded-* transforms (which
/// replace whatever the client sent) tell the upstream the resolved values.
/// </summary>
public sealed class ClientAddressMiddleware(RequestDelegate next, ITrustedProxiesSource trustedProxiesSource)
{
    public Task InvokeAsync(HttpContext context)
    {
        var trustedProxies = trustedProxiesSource.Current;
        var peer = context.Connection.RemoteIpAddress;
        if (!trustedProxies.IsEmpty && trustedProxies.Contains(peer))
        {
            ApplyForwardedHeaders(context, peer!, trustedProxies);
        }

        return next(context);
    }

    private static void ApplyForwardedHeaders(HttpContext context, IPAddress peer, NetworkList trustedProxies)
    {
        var headers = context.Request.Headers;
        var client = ResolveClient(headers["X-Forwarded-For"], peer, trustedProxies);
        if (client.Equals(peer) && StringValues.IsNullOrEmpty(headers["X-Forwarded-Proto"]) && StringValues.IsNullOrEmpty(headers["X-Forwarded-Host"]))
        {
            return;
        }

        context.Features.Set(new ClientAddressFeature(peer));
        context.Connection.RemoteIpAddress = client;

        // An origin built before this point would name the proxy as the client.
        context.Features.Set<RequestOrigin>(null);

        var proto = LastValue(headers["X-Forwarded-Proto"]);
        if (proto is not null && (proto.Equals("https", StringComparison.OrdinalIgnoreCase) || proto.Equals("http", StringComparison.OrdinalIgnoreCase)))
        {
            context.Request.Scheme = proto.ToLowerInvariant();
        }

        var host = LastValue(headers["X-Forwarded-Host"]);
        if (host is not null && IsValidHost(host))
        {
            context.Request.Host = new HostString(host);
        }
    }

    private static IPAddress ResolveClient(StringValues forwardedFor, IPAddress peer, NetworkList trustedProxies)
    {
        var client = peer;
        var hops = string.Join(',', forwardedFor.ToArray()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!TryParseHop(hops[i], out var hop))
            {
                break; // garbage in the chain: stop at the last address we could believe
            }

            client = hop;
            if (!trustedProxies.Contains(hop))
            {
                break; // the first untrusted hop is the client; anything left of it is the client's claim
            }
        }

        return client;
    }

    private static bool TryParseHop(string text, out IPAddress address)
    {
        // Accept "1.2.3.4", "1.2.3.4:5678", "[::1]:5678" and "::1".
        if (IPEndPoint.TryParse(text, out var endPoint))
        {
            address = NetworkList.Normalize(endPoint.Address);
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private static string? LastValue(StringValues values)
    {
        if (StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        var last = values[values.Count - 1]!;
        var comma = last.LastIndexOf(',');
        var value = (comma >= 0 ? last[(comma + 1)..] : last).Trim();
        return value.Length == 0 ? null : value;
    }

    private static bool IsValidHost(string host) =>
        host.Length <= 255 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
}
