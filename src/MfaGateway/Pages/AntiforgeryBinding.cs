using System.Security.Cryptography;
using System.Text;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Pages;

/// <summary>
/// Ties the gateway's antiforgery tokens to what the form acts on. The gateway's pages have no
/// signed-in ClaimsPrincipal, so ASP.NET Core's tokens alone bind to nobody: a token and cookie an
/// attacker fetched for themselves (and planted, say from a sibling subdomain) would pass with the
/// victim's challenge. Here the request token carries a hash of the pending challenge cookie on the
/// challenge and enrolment pages, and of the gateway and app session cookies on the others, so it
/// only validates beside the very challenge or session it was rendered for.
/// </summary>
public sealed class AntiforgeryBinding(GatewayConfigMonitor configMonitor, GatewayPaths paths) : IAntiforgeryAdditionalDataProvider
{
    public string GetAdditionalData(HttpContext context) => Bind(context);

    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Bind(context)), Encoding.ASCII.GetBytes(additionalData ?? string.Empty));

    private string Bind(HttpContext context)
    {
        var path = context.Request.Path;
        var credentials = new StringBuilder();
        if (path.StartsWithSegments(paths.Challenge, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(paths.Enrol, StringComparison.OrdinalIgnoreCase))
        {
            credentials.Append("challenge");
            Append(credentials, context, ChallengeCookie.NameFor(context.Request.IsHttps));
        }
        else
        {
            var https = context.Request.IsHttps;
            credentials.Append("sessions");
            foreach (var app in configMonitor.Current.Apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                Append(credentials, context, GatewaySessionCookies.CookieName(app, https));
                if (app.FormLogin is { } form)
                {
                    Append(credentials, context, form.SessionCookie);
                }
            }
        }

        // A hash, so the token (encrypted anyway) never carries a session credential itself.
        return WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.ToString())));
    }

    /// <summary>
    /// The cookie as the browser will send it with the form: a value this very response sets (a page
    /// that renews the session and shows a form) wins over the one the request carried.
    /// </summary>
    private static void Append(StringBuilder credentials, HttpContext context, string name)
    {
        credentials.Append('\n').Append(name).Append('=');
        if (SetCookieHeaderValue.TryParseList(context.Response.Headers.SetCookie, out var set)
            && set.LastOrDefault(c => c.Name.Equals(name, StringComparison.Ordinal)) is { } renewed)
        {
            if (renewed.Expires is not { } expires || expires > DateTimeOffset.UnixEpoch.AddYears(1))
            {
                credentials.Append(renewed.Value.AsSpan());
            }

            return;
        }

        switch (CookieHeader.Find(context.Request.Headers.Cookie, name, out var value))
        {
            case CookiePresence.Once:
                credentials.Append(value);
                break;
            case CookiePresence.Repeated:
                // No value the gateway could vouch for: a marker no single cookie value can equal.
                credentials.Append("\0repeated");
                break;
        }
    }
}
