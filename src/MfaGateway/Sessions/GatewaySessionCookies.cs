using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Web;

namespace MfaGateway.Sessions;

/// <summary>
/// Reads and writes the gateway session cookie. Over HTTPS it is "__Host-" prefixed (Secure,
/// Path=/, no Domain: a sibling subdomain cannot plant or overwrite it); always HttpOnly and
/// SameSite=Lax. API clients may send the same token in a header instead. An ended session reads
/// as no session at all, and a new one is written with the user's current session epoch.
/// </summary>
public sealed class GatewaySessionCookies(GatewaySessionProtector protector, SessionTokenCache tokens, EndedSessions ended)
{
    public static string CookieName(ProtectedApp app, bool https) => https ? app.SecureSessionCookie : app.SessionCookie;

    /// <summary>
    /// The session presented with this request for <paramref name="app"/>, if it decrypts and has not
    /// been ended; not yet checked for expiry or binding.
    /// </summary>
    public VouchedSession? Read(HttpContext context, ProtectedApp app, SessionSettings settings)
    {
        var presence = CookieHeader.Find(context.Request.Headers.Cookie, CookieName(app, context.Request.IsHttps), out var token);
        if (presence == CookiePresence.Repeated)
        {
            return null; // two gateway sessions: neither is trusted
        }

        var vouched = presence == CookiePresence.Once && !token.IsEmpty
            ? tokens.Unprotect(token)
            : tokens.Unprotect(context.Request.Headers[settings.Header].ToString());
        return vouched is not null && string.Equals(vouched.Session.App, app.Name, StringComparison.Ordinal) && !ended.IsEnded(app.Realm, vouched)
            ? vouched
            : null;
    }

    /// <summary>Sets the cookie and returns the protected token (handed to API clients as well).</summary>
    /// <remarks>
    /// A re-issued session keeps the epoch it was first written with: stamping the current one would
    /// revive a session ended while this request was under way.
    /// </remarks>
    public string Write(HttpContext context, ProtectedApp app, SessionSettings settings, GatewaySession session)
    {
        var token = protector.Protect(session.Epoch is null ? session with { Epoch = ended.CurrentEpoch(app.Realm, session.User) } : session);
        context.Response.Cookies.Append(CookieName(app, context.Request.IsHttps), token, Options(context, session.ExpiresAt));
        return token;
    }

    public void Delete(HttpContext context, ProtectedApp app, SessionSettings settings) =>
        context.Response.Cookies.Delete(CookieName(app, context.Request.IsHttps), Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
