using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MfaGateway.DemoApp.Sessions;

/// <summary>What the session cookie says about the signed-in user.</summary>
internal static class SessionPrincipal
{
    public const string SecurityStampClaim = "acme:security_stamp";

    public static ClaimsPrincipal Create(string username, string securityStamp) =>
        new(new ClaimsIdentity(
            [
                // NameIdentifier keeps antiforgery tokens tied to the user alone, not to the stamp.
                new Claim(ClaimTypes.NameIdentifier, username),
                new Claim(ClaimTypes.Name, username),
                new Claim(SecurityStampClaim, securityStamp),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    public static string? SignedInUsername(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>For endpoints that require authorization, where a missing name would be a configuration bug.</summary>
    public static string RequiredUsername(this ClaimsPrincipal user) =>
        user.SignedInUsername() ?? throw new InvalidOperationException("This endpoint must require a signed-in user.");
}
