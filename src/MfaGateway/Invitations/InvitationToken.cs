using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Invitations;

/// <summary>
/// What an invitation link carries: "{id}.{secret}", a 128-bit id to find the row and a 256-bit
/// secret of which only the SHA-256 is stored (so a copy of the database opens no invitation). Both
/// from the CSPRNG; a hash without salt is enough for a secret that cannot be guessed.
/// </summary>
public sealed record InvitationToken(string Id, string Secret)
{
    private const int IdBytes = 16;
    private const int SecretBytes = 32;
    private static readonly int IdLength = Base64UrlLength(IdBytes);
    private static readonly int SecretLength = Base64UrlLength(SecretBytes);

    public static InvitationToken New() =>
        new(WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(IdBytes)), WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>A browser's own secret, kept in its cookie when it opens the link; the row keeps its hash.</summary>
    public static string NewBrowserSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));

    public static bool TryParse(string? text, [NotNullWhen(true)] out InvitationToken? token)
    {
        token = null;
        if (text is null || text.Length != IdLength + 1 + SecretLength || text[IdLength] != '.')
        {
            return false;
        }

        var (id, secret) = (text[..IdLength], text[(IdLength + 1)..]);
        if (!id.All(IsBase64UrlChar) || !secret.All(IsBase64UrlChar))
        {
            return false;
        }

        token = new InvitationToken(id, secret);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>Constant time: how much of a secret matched must not be measurable.</summary>
    public static bool Matches(string secret, byte[]? storedHash) =>
        storedHash is { Length: SHA256.HashSizeInBytes } && CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    public override string ToString() => $"{Id}.{Secret}";

    private static bool IsBase64UrlChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    private static int Base64UrlLength(int bytes) => (int)Math.Ceiling(bytes * 4 / 3.0);
}
