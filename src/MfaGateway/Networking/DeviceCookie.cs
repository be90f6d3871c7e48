namespace MfaGateway.Networking;

/// <summary>
/// The long-lived cookie that recognises a browser; its value is a device id protected by
/// <c>Risk.Devices.DeviceIdProtector</c>. It identifies the browser, not a user. HttpOnly,
/// SameSite=Lax, "__Host-" prefixed and Secure over HTTPS. The name lives here because the
/// request's <see cref="RequestOrigin"/> carries the value to the domain.
/// </summary>
public static class DeviceCookie
{
    public static string Name(bool https) => https ? "__Host-mfa-did" : "mfa-did";

    public static void Append(HttpContext context, string token, DateTimeOffset expires) =>
        context.Response.Cookies.Append(Name(context.Request.IsHttps), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });
}
