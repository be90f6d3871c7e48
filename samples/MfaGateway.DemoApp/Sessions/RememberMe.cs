using MfaGateway.DemoApp.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.DemoApp.Sessions;

/// <summary>
/// "Keep me signed in", the way many legacy apps do it: a long-lived cookie that signs the user in
/// again, with no password, when the session cookie has gone. A second credential besides the session:
/// exactly what a gateway in front must not let through unvouched.
/// </summary>
internal static class RememberMe
{
    public const string CookieName = "DemoRemember";
    public const string FormField = "remember";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static void Issue(HttpContext http, string username, string securityStamp)
    {
        var token = Protector(http).Protect($"{username}\n{securityStamp}", Lifetime);
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/",
        });
    }

    public static void Forget(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });

    /// <summary>Signs the user in from the remember-me cookie when the request has no session.</summary>
    public static IApplicationBuilder UseRememberMe(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.SignedInUsername() is null && http.Request.Cookies[CookieName] is { Length: > 0 } token && Read(http, token) is { } principal)
        {
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            http.User = principal;
        }

        await next(http);
    });

    private static System.Security.Claims.ClaimsPrincipal? Read(HttpContext http, string token)
    {
        try
        {
            var parts = Protector(http).Unprotect(token).Split('\n', 2);
            var accounts = http.RequestServices.GetRequiredService<BankAccountStore>();
            return parts.Length == 2 && accounts.SecurityStampOf(parts[0]) == parts[1] ? SessionPrincipal.Create(parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // tampered or expired: simply not remembered
        }
    }

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("DemoRemember").ToTimeLimitedDataProtector();
}
