using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.DemoApp.Login;

internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(SessionServices.LoginPath, ShowLoginForm);

        // [FromForm] makes the framework check the antiforgery token before the handler runs.
        routes.MapPost(SessionServices.LoginPath, SignInAsync);
        return routes;
    }

    private static IResult ShowLoginForm(HttpContext http, [FromQuery] string? returnUrl) =>
        LoginPage.Render(http, username: null, returnUrl, error: null);

    private static async Task<IResult> SignInAsync(
        HttpContext http,
        BankAccountStore accounts,
        [FromForm] string? username,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        [FromForm(Name = RememberMe.FormField)] string? remember)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return LoginPage.Render(http, username, returnUrl, LoginPage.MissingCredentials);
        }

        // One message for unknown users and wrong passwords, so the form doesn't reveal which usernames exist.
        if (!accounts.TryCheckPassword(username, password, out var securityStamp))
        {
            return LoginPage.Render(http, username, returnUrl, LoginPage.InvalidCredentials);
        }

        var destination = LocalReturnUrl.OrNull(returnUrl) ?? "/";

        // RedirectUri keeps the cookie handler, which redirects on its own when signing in on the login
        // path, pointing at the same place as the result below.
        await http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            SessionPrincipal.Create(username, securityStamp),
            new AuthenticationProperties { RedirectUri = destination });
        if (remember == "on")
        {
            RememberMe.Issue(http, username, securityStamp);
        }

        return Results.Redirect(destination);
    }
}
