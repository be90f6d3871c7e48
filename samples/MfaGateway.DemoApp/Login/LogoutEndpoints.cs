using MfaGateway.DemoApp.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MfaGateway.DemoApp.Login;

internal static class LogoutEndpoints
{
    public static IEndpointRouteBuilder MapLogoutEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(SessionServices.LogoutPath, SignOutFromFormAsync);

        // Old apps often sign out from a plain link, and the app the gateway protects should look like one.
        // The cast makes the framework treat the method as a route handler whose result it writes,
        // not as a bare RequestDelegate that would drop the redirect.
        routes.MapGet(SessionServices.LogoutPath, (Delegate)SignOutAsync);
        return routes;
    }

    private static async Task<IResult> SignOutFromFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        // The form has no fields to bind, so the token is checked here rather than by form binding.
        // Without a session there is nothing another site could end, so no token is needed then.
        if (http.User.SignedInUsername() is not null && !await IsTokenValidAsync(http, antiforgery))
        {
            return Results.BadRequest();
        }

        return await SignOutAsync(http);
    }

    /// <summary>A form the framework refuses to read (too many fields, a name too long) is no valid token either, not a 500.</summary>
    private static async Task<bool> IsTokenValidAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        // Signing out on the logout path makes the cookie handler redirect on its own, to a "returnUrl"
        // from the query when there is no RedirectUri: "/%C3%A9" would become a non-ASCII Location
        // header and a 500. The app always goes to its login page after logout anyway.
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = SessionServices.LoginPath });
        RememberMe.Forget(http);
        return Results.Redirect(SessionServices.LoginPath);
    }
}
