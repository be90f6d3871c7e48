using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MfaGateway.DemoApp.Sessions;

/// <summary>
/// Browsers get redirected to the login page; API clients can't follow an HTML login, so they get
/// a JSON status instead.
/// </summary>
internal sealed class SessionCookieEvents : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApiRequest(context.Request))
        {
            return ApiErrors.WriteAsync(context.Response, StatusCodes.Status401Unauthorized, ApiErrors.NotAuthenticated);
        }

        // A relative Location, unlike the framework's absolute one, stays correct behind a reverse proxy
        // that forwards a different Host.
        var request = context.Request;
        var returnUrl = (request.PathBase + request.Path).Add(request.QueryString);
        var loginUrl = (request.PathBase + context.Options.LoginPath)
            .Add(QueryString.Create(context.Options.ReturnUrlParameter, returnUrl));
        context.Response.Redirect(loginUrl);
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApiRequest(context.Request))
        {
            return ApiErrors.WriteAsync(context.Response, StatusCodes.Status403Forbidden, ApiErrors.Forbidden);
        }

        // The app has no roles, so there is no access-denied page to send anyone to.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Rejects sessions issued before the user's last password change, and sessions of unknown users.</summary>
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var username = context.Principal?.SignedInUsername();
        var stamp = context.Principal?.FindFirst(SessionPrincipal.SecurityStampClaim)?.Value;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<BankAccountStore>();
        if (username is not null && stamp is not null && accounts.SecurityStampOf(username) == stamp)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
