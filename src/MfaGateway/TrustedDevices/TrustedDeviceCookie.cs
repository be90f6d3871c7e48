using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MfaGateway.Apps;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.TrustedDevices;

/// <summary>What the device cookie carries (encrypted and signed): which device, whose, and the factor that trusted it.</summary>
public sealed record TrustedDeviceClaim(string DeviceId, string Realm, string User, string Factor, DateTimeOffset ExpiresAt);

[JsonSerializable(typeof(TrustedDeviceClaim))]
internal sealed partial class TrustedDeviceJsonContext : JsonSerializerContext;

/// <summary>
/// The "remember this device" cookie: HttpOnly, SameSite=Lax, "__Host-" prefixed and Secure over
/// HTTPS. It only names a device; whether that device still counts is decided by the store on every use.
/// </summary>
public sealed class TrustedDeviceCookie(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.TrustedDevice.v1");

    public static string Name(ProtectedApp app, bool https) => https ? $"__Host-mfa-device-{app.Name}" : $"mfa-device-{app.Name}";

    public void Write(HttpContext context, ProtectedApp app, TrustedDeviceClaim claim)
    {
        var token = WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(claim, TrustedDeviceJsonContext.Default.TrustedDeviceClaim)));
        context.Response.Cookies.Append(Name(app, context.Request.IsHttps), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = claim.ExpiresAt,
            IsEssential = true,
        });
    }

    public TrustedDeviceClaim? Read(HttpContext context, ProtectedApp app)
    {
        var value = context.Request.Cookies[Name(app, context.Request.IsHttps)];
        if (string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(WebEncoders.Base64UrlDecode(value)), TrustedDeviceJsonContext.Default.TrustedDeviceClaim);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
