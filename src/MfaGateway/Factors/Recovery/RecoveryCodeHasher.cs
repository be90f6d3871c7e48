using System.Security.Cryptography;
using System.Text;

namespace MfaGateway.Factors.Recovery;

/// <summary>
/// NIST SP 800-63B 5.1.2.2: look-up secrets under 112 bits of entropy are stored salted and hashed
/// with a key derivation function. One salt per user's set, so checking a typed code costs one
/// derivation, compared against each stored hash.
/// </summary>
public static class RecoveryCodeHasher
{
    public const int SaltBytes = 16;
    public const int Iterations = 100_000;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    /// <param name="canonicalCode">The output of <see cref="RecoveryCode.Normalize"/>.</param>
    public static byte[] Hash(string canonicalCode, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(canonicalCode), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
