using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Risk.Devices;

/// <summary>
/// Device ids that recognise a browser: a random 128-bit id, encrypted and signed with Data
/// Protection so that it cannot be forged or guessed to impersonate a known device. The cookie that
/// carries the token is <see cref="Networking.DeviceCookie"/>.
/// </summary>
public sealed class DeviceIdProtector(IDataProtectionProvider dataProtection)
{
    private const int IdBytes = 16;

    /// <summary>Longer than any token this class issues: not worth decrypting.</summary>
    private const int MaxTokenLength = 512;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.DeviceId.v1");

    /// <summary>The device id in a presented token, or null when there is none or it fails to verify.</summary>
    public string? Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        try
        {
            var id = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return id.Length == IdBytes ? WebEncoders.Base64UrlEncode(id) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }

    public IssuedDeviceId Issue()
    {
        var id = RandomNumberGenerator.GetBytes(IdBytes);
        return new IssuedDeviceId(WebEncoders.Base64UrlEncode(id), WebEncoders.Base64UrlEncode(_protector.Protect(id)));
    }
}
