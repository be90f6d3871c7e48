using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.DemoApp.Passwords;

internal static class ChangePasswordEndpoints
{
    public const string Path = "/account/password";
    public const string ChangedPath = Path + "?changed=1";
    public const int MinimumLength = 8;

    public static IEndpointRouteBuilder MapChangePasswordEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ShowForm).RequireAuthorization();
        routes.MapPost(Path, ChangePasswordAsync).RequireAuthorization();
        return routes;
    }

    private static IResult ShowForm(HttpContext http, [FromQuery] string? changed) =>
        ChangePasswordPage.Render(http, changed == "1");

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http,
        BankAccountStore accounts,
        [FromForm] string? currentPassword,
        [FromForm] string? newPassword,
        [FromForm] string? confirmPassword)
    {
        var username = http.User.RequiredUsername();
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword) || string.IsNullOrEmpty(confirmPassword))
        {
            return Rejected(http, "Fill in all three fields.");
        }

        if (newPassword != confirmPassword)
        {
            return Rejected(http, "The new password and its confirmation do not match.");
        }

        if (newPassword.Length < MinimumLength)
        {
            return Rejected(http, $"Choose a new password of at least {MinimumLength} characters.");
        }

        var result = accounts.ChangePassword(username, currentPassword, newPassword);
        if (!result.Changed)
        {
            return Rejected(http, "Your current password is not correct.");
        }

        // The change invalidated every session of this user, this one included; issue a fresh one so the
        // user who just changed the password stays signed in.
        await http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            SessionPrincipal.Create(username, result.NewSecurityStamp!));
        return Results.Redirect(ChangedPath);
    }

    private static IResult Rejected(HttpContext http, string error) =>
        ChangePasswordPage.Render(http, changed: false, error, StatusCodes.Status400BadRequest);
}
