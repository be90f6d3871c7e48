using System.Security.Cryptography;
using System.Text;
using MfaGateway.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Sessions;

/// <summary>
/// Ties a gateway session to the app's own session cookie: if the app session changes (new login,
/// logout, another user) the gateway session no longer matches and MFA is asked again. Only a
/// hash is kept, so neither the cookie nor the store ever holds the app's session token.
/// </summary>
public static class SessionBinding
{
    public const string None = "";

    public static string For(ReadOnlySpan<char> appSessionCookieValue)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(appSessionCookieValue.Length);
        var buffer = maxBytes <= 8192 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(appSessionCookieValue, buffer);
        SHA256.HashData(buffer[..length], hash);
        return WebEncoders.Base64UrlEncode(hash[..16]);
    }

    public static bool Matches(string expected, string actual) => ConstantTime.Equals(expected, actual);
}
