using MfaGateway.Challenges;

namespace MfaGateway.Enforcement;

/// <summary>
/// Carries the pending challenge id for browsers, so the id never appears in a URL (logs,
/// Referer). Path=/ because it is set on the app's login response, and clients following RFC 2109
/// refuse a cookie whose path is not a prefix of the request's; the proxy strips it before the app.
/// Over HTTPS it is "__Host-" prefixed, so a sibling subdomain cannot plant one.
/// </summary>
public static class ChallengeCookie
{
    public const string Name = "mfa-challenge";

    public static string NameFor(bool https) => https ? "__Host-" + Name : Name;

    public static void Append(HttpContext context, PendingChallenge challenge) =>
        context.Response.Cookies.Append(NameFor(context.Request.IsHttps), challenge.Id, Options(context, challenge.ExpiresAt));

    public static string? Read(HttpContext context) => context.Request.Cookies[NameFor(context.Request.IsHttps)];

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(NameFor(context.Request.IsHttps), Options(context, null));

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
