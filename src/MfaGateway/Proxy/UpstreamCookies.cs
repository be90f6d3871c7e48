using System.Text;
using MfaGateway.Apps;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Microsoft.Extensions.Primitives;

namespace MfaGateway.Proxy;

/// <summary>
/// The Cookie header the app receives. Gateway cookies never go; a credential cookie sent more than
/// once never goes (the gateway and the app could read different copies); the tracked session and the
/// app's other credentials go only as far as <see cref="CredentialForwarding"/> allows.
/// </summary>
public static class UpstreamCookies
{
    /// <summary>The header to forward, or null when the original can go unchanged. An empty string: send none.</summary>
    public static string? Filter(StringValues headers, string sessionCookieName, AppCredentials credentials, IReadOnlyList<string> learned, CredentialForwarding forwarding)
    {
        if (StringValues.IsNullOrEmpty(headers))
        {
            return null;
        }

        var tracked = credentials.TrackedCookie;
        var sessionGoes = forwarding.Session && tracked is not null && CookieHeader.Find(headers, tracked, out _) == CookiePresence.Once;
        StringBuilder? kept = null;
        var dropped = false;
        foreach (var header in headers)
        {
            if (header is null)
            {
                continue;
            }

            foreach (var pair in new CookiePairs(header))
            {
                if (Drops(pair, headers, sessionCookieName, credentials, learned, forwarding, tracked, sessionGoes))
                {
                    dropped = true;
                    continue;
                }

                kept ??= new StringBuilder(header.Length);
                if (kept.Length > 0)
                {
                    kept.Append("; ");
                }

                kept.Append(pair.Text);
            }
        }

        // Several Cookie headers (HTTP/2 splits them) are joined as RFC 9113 section 8.2.3 asks.
        return dropped || headers.Count > 1 ? kept?.ToString() ?? string.Empty : null;
    }

    private static bool Drops(
        CookiePair pair,
        StringValues headers,
        string sessionCookieName,
        AppCredentials credentials,
        IReadOnlyList<string> learned,
        CredentialForwarding forwarding,
        string? tracked,
        bool sessionGoes)
    {
        if (GatewayCookieNames.IsGatewayCookie(pair, sessionCookieName))
        {
            return true;
        }

        if (tracked is not null && pair.Occurrences(tracked, out _) > 0)
        {
            return !sessionGoes;
        }

        if (!IsCredential(pair, credentials, learned, out var name))
        {
            return false;
        }

        // On a Bypass route the app may see its other credentials, but only one copy it reads as the gateway does.
        return !forwarding.Others || (name is not null && CookieHeader.Find(headers, name, out _) != CookiePresence.Once);
    }

    /// <summary>Whether any name in the pair is a listed or learned credential; <paramref name="name"/> is it (null for a prefix match).</summary>
    private static bool IsCredential(CookiePair pair, AppCredentials credentials, IReadOnlyList<string> learned, out string? name)
    {
        foreach (var candidate in credentials.Cookies)
        {
            if (pair.Occurrences(candidate, out _) > 0)
            {
                name = candidate;
                return true;
            }
        }

        foreach (var candidate in learned)
        {
            if (pair.Occurrences(candidate, out _) > 0)
            {
                name = candidate;
                return true;
            }
        }

        name = null;
        foreach (var prefix in credentials.CookiePrefixes)
        {
            if (pair.AnyNameStartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }
}
