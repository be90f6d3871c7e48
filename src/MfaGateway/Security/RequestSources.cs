namespace MfaGateway.Security;

/// <summary>
/// Tells a same-origin request from a cross-site one. Origin is the browser's own statement and is
/// sent on every POST by current browsers; Sec-Fetch-Site comes next (sent where Origin may be
/// withheld); Referer last, because a referrer policy may strip it. The gateway's own origin is the
/// request's scheme and host, which the client-address middleware has already taken from
/// X-Forwarded-Proto/Host when a trusted proxy sent them.
/// </summary>
public static class RequestSources
{
    public static RequestSource Classify(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers.Origin.Count > 0)
        {
            return headers.Origin.Count == 1 && IsThisOrigin(request, headers.Origin[0]) ? RequestSource.SameOrigin : RequestSource.OtherOrigin;
        }

        if (headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            // "none" is a navigation the user started (a bookmark, the address bar): it names no site at all.
            return site.Count == 1 && string.Equals(site[0], "same-origin", StringComparison.OrdinalIgnoreCase) ? RequestSource.SameOrigin
                : site.Count == 1 && string.Equals(site[0], "none", StringComparison.OrdinalIgnoreCase) ? RequestSource.Unknown
                : RequestSource.OtherOrigin;
        }

        if (headers.Referer.Count > 0)
        {
            return headers.Referer.Count == 1 && IsThisOrigin(request, headers.Referer[0]) ? RequestSource.SameOrigin : RequestSource.OtherOrigin;
        }

        return RequestSource.Unknown;
    }

    /// <summary>Whether <paramref name="url"/> (an origin or a full URL) has this request's scheme, host and port.</summary>
    private static bool IsThisOrigin(HttpRequest request, string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !request.Host.HasValue
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false; // "null", "file://", garbage: not this site
        }

        var host = request.Host;
        var port = host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(HostName(uri.IdnHost), HostName(host.Host), StringComparison.OrdinalIgnoreCase)
            && uri.Port == port;
    }

    /// <summary>IPv6 literals compared without their brackets, whichever side kept them.</summary>
    private static string HostName(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
