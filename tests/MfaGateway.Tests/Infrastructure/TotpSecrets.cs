using OtpNet;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>Reads secrets as the gateway shows them, with Otp.NET (as an authenticator app would), not with the gateway's code.</summary>
public static class TotpSecrets
{
    /// <summary>The secret from its base32 as shown for typing, in groups of four or as one word.</summary>
    public static byte[] Decode(string shown) => Base32Encoding.ToBytes(shown.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Unpadded upper-case base32, as the gateway shows and puts into otpauth URIs.</summary>
    public static string Encode(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');
}
