using System.Security.Cryptography;

namespace MfaGateway.DemoApp.Accounts;

/// <summary>A salted PBKDF2-SHA256 password hash. The plain password is never kept.</summary>
internal sealed class PasswordHash
{
    private const int Iterations = 100_000;
    private const int SaltSize = 16;
    private const int HashSize = 32;

    private readonly byte[] salt;
    private readonly byte[] hash;

    private PasswordHash(byte[] salt, byte[] hash)
    {
        this.salt = salt;
        this.hash = hash;
    }

    /// <summary>
    /// Checked when the username is unknown, so that a miss costs as much time as a wrong password
    /// and response times don't reveal which usernames exist.
    /// </summary>
    public static PasswordHash Decoy { get; } = Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static PasswordHash Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        return new PasswordHash(salt, Derive(password, salt));
    }

    public bool Matches(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, salt), hash);

    private static byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashSize);
}
