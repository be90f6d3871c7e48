using MfaGateway.Web;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Identity;

/// <summary>What the app's answers say, read the same way by the login watcher, the session tracker and the password-change watcher.</summary>
public static class AppResponses
{
    /// <summary>
    /// The value the app sets for its session cookie; a deletion (empty or expired) does not count.
    /// Surrounding quotes are removed, as when the browser sends the cookie back and it is read then.
    /// </summary>
    public static string? FindCookie(IEnumerable<string> setCookies, string name, DateTimeOffset now)
    {
        foreach (var header in setCookies)
        {
            if (SetCookieHeaderValue.TryParse(header, out var cookie)
                && cookie.Name.Equals(name, StringComparison.Ordinal)
                && (cookie.Expires is null || cookie.Expires > now)
                && (cookie.MaxAge is null || cookie.MaxAge > TimeSpan.Zero))
            {
                var value = HeaderUtilities.RemoveQuotes(cookie.Value).ToString();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }

    /// <summary>The path and query a redirect points to on this site, or null when it leaves the site.</summary>
    public static string? LocalPath(string location, HttpRequest request)
    {
        if (ReturnUrl.IsLocal(location))
        {
            return location;
        }

        return Uri.TryCreate(location, UriKind.Absolute, out var uri)
            && uri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && ReturnUrl.IsLocal(uri.PathAndQuery)
                ? uri.PathAndQuery
                : null;
    }
}
