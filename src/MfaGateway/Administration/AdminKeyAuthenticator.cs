using System.Security.Cryptography;
using System.Text;
using MfaGateway.Configuration;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Administration;

/// <summary>
/// Finds the admin key a request presents ("Authorization: Bearer key" or "X-Api-Key: key") among the
/// configured ones. Only SHA-256 hashes are configured; the presented key's hash is compared with every
/// one of them in constant time, so neither the comparison nor the number of keys tried reveals a match.
/// </summary>
public static class AdminKeyAuthenticator
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <returns>The matching key, or null when none was presented or it matches no configured key.</returns>
    public static AdminKey? Authenticate(HttpRequest request, IReadOnlyList<AdminKey> keys)
    {
        var presented = PresentedKey(request);
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        AdminKey? match = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                match ??= key;
            }
        }

        return match;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The bearer token if there is one, else the X-Api-Key header; an ambiguous header counts as none.</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value["Bearer ".Length..].Trim();
        }

        var apiKey = request.Headers[ApiKeyHeader];
        return apiKey.Count == 1 ? apiKey[0]?.Trim() : null;
    }
}
