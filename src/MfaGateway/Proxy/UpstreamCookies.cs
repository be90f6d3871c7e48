using System.Buffers;
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
    /// <summary>Up to this many characters the new header is assembled on the stack.</summary>
    private const int StackBufferLength = 1024;

    /// <summary>The header to forward, or null when the original can go unchanged. An empty string: send none.</summary>
    /// <remarks>
    /// Runs on every proxied request, Bypass included, with cookies of a kilobyte and more: the pairs
    /// kept are assembled in a buffer of the largest size they can take, so the only allocation is the
    /// header that is forwarded, and none when the original goes unchanged.
    /// </remarks>
    public static string? Filter(StringValues headers, string sessionCookieName, AppCredentials credentials, IReadOnlyList<string> learned, CredentialForwarding forwarding)
    {
        if (StringValues.IsNullOrEmpty(headers))
        {
            return null;
        }

        // Every kept pair costs at most its own text and a "; " before it, and there are no more pairs than separators plus headers.
        var bound = 0;
        foreach (var header in headers)
        {
            bound += header is null ? 0 : header.Length + (2 * (header.AsSpan().Count(';') + 1));
        }

        char[]? rented = null;
        Span<char> buffer = bound <= StackBufferLength ? stackalloc char[bound] : (rented = ArrayPool<char>.Shared.Rent(bound));
        try
        {
            var filter = new PairFilter(headers, sessionCookieName, credentials, learned, forwarding);
            var length = 0;
            var dropped = false;
            foreach (var header in headers)
            {
                if (header is null)
                {
                    continue;
                }

                foreach (var pair in new CookiePairs(header))
                {
                    if (filter.Drops(pair))
                    {
                        dropped = true;
                        continue;
                    }

                    if (length > 0)
                    {
                        buffer[length++] = ';';
                        buffer[length++] = ' ';
                    }

                    pair.Text.CopyTo(buffer[length..]);
                    length += pair.Text.Length;
                }
            }

            // Several Cookie headers (HTTP/2 splits them) are joined as RFC 9113 section 8.2.3 asks.
            return dropped || headers.Count > 1 ? new string(buffer[..length]) : null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Which pairs stay behind, for one request's headers.</summary>
    private ref struct PairFilter(StringValues headers, string sessionCookieName, AppCredentials credentials, IReadOnlyList<string> learned, CredentialForwarding forwarding)
    {
        private readonly string? _tracked = credentials.TrackedCookie;

        /// <summary>Worked out when a pair first names the tracked cookie: most requests without it skip the extra pass.</summary>
        private bool? _sessionGoes;

        public bool Drops(CookiePair pair)
        {
            // A pair without a ',' has one name only, read once; one with a ',' is read the way stacks that split there read it.
            var single = pair.Text.IndexOf(',') < 0;
            var name = pair.Name;
            if (single ? GatewayCookieNames.IsGatewayCookie(name, sessionCookieName) : GatewayCookieNames.IsGatewayCookie(pair, sessionCookieName))
            {
                return true;
            }

            if (_tracked is not null && (single ? CookieName.Matches(name, _tracked) : pair.Occurrences(_tracked, out _) > 0))
            {
                _sessionGoes ??= forwarding.Session && CookieHeader.Find(headers, _tracked, out _) == CookiePresence.Once;
                return !_sessionGoes.Value;
            }

            if (!IsCredential(pair, single, name, out var credential))
            {
                return false;
            }

            // On a Bypass route the app may see its other credentials, but only one copy it reads as the gateway does.
            return !forwarding.Others || (credential is not null && CookieHeader.Find(headers, credential, out _) != CookiePresence.Once);
        }

        /// <summary>Whether any name in the pair is a listed or learned credential; <paramref name="credential"/> is it (null for a prefix match).</summary>
        private readonly bool IsCredential(CookiePair pair, bool single, ReadOnlySpan<char> name, out string? credential)
        {
            if (Named(pair, single, name, credentials.Cookies) is { } listed)
            {
                credential = listed;
                return true;
            }

            if (Named(pair, single, name, learned) is { } learnt)
            {
                credential = learnt;
                return true;
            }

            credential = null;
            var prefixes = credentials.CookiePrefixes;
            for (var i = 0; i < prefixes.Count; i++)
            {
                if (single ? CookieName.StartsWith(name, prefixes[i]) : pair.AnyNameStartsWith(prefixes[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <remarks>Indexed rather than enumerated: an enumerator over a list seen as an interface is an allocation per pair.</remarks>
        private static string? Named(CookiePair pair, bool single, ReadOnlySpan<char> name, IReadOnlyList<string> candidates)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (single ? CookieName.Matches(name, candidates[i]) : pair.Occurrences(candidates[i], out _) > 0)
                {
                    return candidates[i];
                }
            }

            return null;
        }
    }
}
