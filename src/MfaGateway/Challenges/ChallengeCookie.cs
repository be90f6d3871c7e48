namespace MfaGateway.Challenges;

/// <summary>
/// Carries the pending challenge id for browsers, so the id never appears in a URL (logs,
/// Referer). Scoped to the gateway's path prefix, so it is never sent to the app.
/// </summary>
public static class ChallengeCookie
{
    public const string Name = "mfa-challenge";

    public static void Append(HttpContext context, PendingChallenge challenge, string pathPrefix) =>
        context.Response.Cookies.Append(Name, challenge.Id, Options(context, pathPrefix, challenge.ExpiresAt));

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Delete(HttpContext context, string pathPrefix) =>
        context.Response.Cookies.Delete(Name, Options(context, pathPrefix, null));

    private static CookieOptions Options(HttpContext context, string pathPrefix, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = pathPrefix,
        Expires = expires,
        IsEssential = true,
    };
}
