using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Sessions;

/// <summary>Gateway session ids: 128 random bits, so an ended id never names another session.</summary>
public static class SessionIds
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
}
