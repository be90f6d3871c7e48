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
    private readonly int iterations;

    private PasswordHash(byte[] salt, byte[] hash, int iterations)
    {
        this.salt = salt;
        this.hash = hash;
        this.iterations = iterations;
    }

    /// <summary>
    /// Checked when the username is unknown, so that a miss costs as much time as a wrong password
    /// and response times don't reveal which usernames exist.
    /// </summary>
    public static PasswordHash Decoy { get; } = Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static PasswordHash Create(string password) => Create(password, Iterations);

    /// <summary>
    /// For the load-test accounts only (see <see cref="LoadTestUsers"/>): a flow benchmark measures the
    /// gateway, and 100,000 iterations per sign-in would make the bank's hashing all it measures.
    /// </summary>
    public static PasswordHash CreateCheap(string password) => Create(password, 1_000);

    public bool Matches(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), hash);

    private static PasswordHash Create(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        return new PasswordHash(salt, Derive(password, salt, iterations), iterations);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashSize);
}
