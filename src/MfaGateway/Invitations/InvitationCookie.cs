using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using MfaGateway.Web;
using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.Invitations;

/// <summary>
/// Marks the browser that opened an invitation link: the invitation's id and this browser's own
/// secret, sealed with Data Protection. Without it the link's holder could not prove at enrolment
/// that it is the browser that opened the link. HttpOnly, SameSite=Lax, "__Host-" over HTTPS; its
/// "mfa-" name keeps the proxy from passing it to the app.
/// </summary>
public sealed class InvitationCookie(IDataProtectionProvider dataProtection)
{
    public const string Name = GatewayCookieNames.Prefix + "invitation";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.Invitations.Browser.v1");

    public static string NameFor(bool https) => https ? "__Host-" + Name : Name;

    public void Append(HttpContext context, string invitationId, string browserSecret, DateTimeOffset expires) =>
        context.Response.Cookies.Append(NameFor(context.Request.IsHttps), _protector.Protect($"{invitationId}.{browserSecret}"), Options(context, expires));

    /// <summary>The invitation and browser secret of the request's cookie; false when there is none or it does not open.</summary>
    public bool TryRead(HttpContext context, [NotNullWhen(true)] out string? invitationId, [NotNullWhen(true)] out string? browserSecret)
    {
        (invitationId, browserSecret) = (null, null);
        if (context.Request.Cookies[NameFor(context.Request.IsHttps)] is not { Length: > 0 and < 1024 } value)
        {
            return false;
        }

        try
        {
            var opened = _protector.Unprotect(value);
            var dot = opened.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == opened.Length - 1)
            {
                return false;
            }

            (invitationId, browserSecret) = (opened[..dot], opened[(dot + 1)..]);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(NameFor(context.Request.IsHttps), Options(context, null));

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
