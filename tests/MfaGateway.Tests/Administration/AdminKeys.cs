using System.Security.Cryptography;
using System.Text;

namespace MfaGateway.Tests.Administration;

/// <summary>Admin keys made the way an operator would, hashed here independently of the gateway's code.</summary>
public static class AdminKeys
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
