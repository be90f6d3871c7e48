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

    /// <summary>
    /// The work factor only has to make guessing the code space (2^75) slower still: even at one
    /// iteration that would take centuries at 10^12 hashes a second. 10,000 keeps a set of ten codes
    /// quick to create (it is derived ten times at enrolment) while multiplying an attacker's work by 10^4.
    /// </summary>
    public const int Iterations = 10_000;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    /// <param name="canonicalCode">The output of <see cref="RecoveryCode.Normalize"/>.</param>
    public static byte[] Hash(string canonicalCode, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(canonicalCode), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
