using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Risk.Devices;

/// <summary>
/// A long-lived cookie that recognises a browser: a random 128-bit id, encrypted and signed with Data
/// Protection so that it cannot be forged or guessed to impersonate a known device. It identifies the
/// browser, not a user: one browser shared by two users is one device for each of them. HttpOnly,
/// SameSite=Lax, "__Host-" prefixed and Secure over HTTPS.
/// </summary>
public sealed class DeviceIdCookie(IDataProtectionProvider dataProtection)
{
    private const int IdBytes = 16;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.DeviceId.v1");

    public static string Name(bool https) => https ? "__Host-mfa-did" : "mfa-did";

    /// <summary>The device id the browser presented, or null when it sent none or one that fails to verify.</summary>
    public string? Read(HttpContext context)
    {
        var value = context.Request.Cookies[Name(context.Request.IsHttps)];
        if (string.IsNullOrEmpty(value) || value.Length > 512)
        {
            return null;
        }

        try
        {
            var id = _protector.Unprotect(WebEncoders.Base64UrlDecode(value));
            return id.Length == IdBytes ? WebEncoders.Base64UrlEncode(id) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The browser's device id, issuing a new one (cookie set on this response) when it has none.</summary>
    public string GetOrIssue(HttpContext context, TimeSpan lifetime, DateTimeOffset now)
    {
        if (Read(context) is { } existing)
        {
            return existing;
        }

        var id = RandomNumberGenerator.GetBytes(IdBytes);
        context.Response.Cookies.Append(Name(context.Request.IsHttps), WebEncoders.Base64UrlEncode(_protector.Protect(id)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = now + lifetime,
            IsEssential = true,
        });
        return WebEncoders.Base64UrlEncode(id);
    }
}
