using MfaGateway.Apps;
using MfaGateway.Sessions;
using Microsoft.AspNetCore.Connections.Features;

namespace MfaGateway.Proxy;

/// <summary>
/// Remembers, per HTTP/1.x connection, the last Cookie header and the header
/// <see cref="UpstreamCookies.Filter"/> made of it, so a browser that repeats its cookies on a
/// keep-alive connection (it does, on every request) is filtered once.
/// </summary>
/// <remarks>
/// Kestrel hands back the same string instance when a header's bytes repeat on a connection
/// (<c>KestrelServerOptions.DisableStringReuse</c> is false by default), so a hit is a reference
/// comparison and no new header string. Measured on a Bypass route with a browser's four cookies
/// (1.2 KB), the rewritten header was 1.7 KB allocated per request and all of the CPU the gateway
/// spent above bare YARP (docs/benchmarks-diagnostics.md).
/// A hit needs every input of the filter to be the same object as last time: the header text, the
/// compiled config (session cookie name), the app (its credentials), the learned login cookies (the
/// registry replaces its array on a change) and what the request may forward. Anything else is a miss
/// and is filtered afresh, so a reload or a newly learned cookie applies at the next request.
/// HTTP/2 and HTTP/3 streams of one connection run in parallel and the connection's item dictionary
/// is not safe for that, so they are always filtered afresh.
/// </remarks>
public static class UpstreamCookieMemo
{
    private static readonly object Key = new();

    public static string? Filter(HttpContext context, string sessionCookieName, ProtectedApp? app, IReadOnlyList<string> learned, CredentialForwarding forwarding)
    {
        var headers = context.Request.Headers.Cookie;
        var credentials = app?.Credentials ?? AppCredentials.None;
        if (headers.Count != 1
            || !(HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
            || context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items)
        {
            return UpstreamCookies.Filter(headers, sessionCookieName, credentials, learned, forwarding);
        }

        var input = headers[0]!;
        if (items.TryGetValue(Key, out var kept) && kept is Entry entry
            && ReferenceEquals(entry.Input, input)
            && ReferenceEquals(entry.SessionCookieName, sessionCookieName)
            && ReferenceEquals(entry.Credentials, credentials)
            && ReferenceEquals(entry.Learned, learned)
            && ReferenceEquals(entry.Forwarding, forwarding))
        {
            return entry.Output;
        }

        var output = UpstreamCookies.Filter(headers, sessionCookieName, credentials, learned, forwarding);
        items[Key] = new Entry(input, sessionCookieName, credentials, learned, forwarding, output);
        return output;
    }

    private sealed record Entry(string Input, string SessionCookieName, AppCredentials Credentials, IReadOnlyList<string> Learned, CredentialForwarding Forwarding, string? Output);
}
