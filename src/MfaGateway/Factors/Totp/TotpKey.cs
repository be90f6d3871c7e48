using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using OtpNet;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// A decrypted TOTP secret handed to Otp.NET for one verification and wiped when disposed.
/// Otp.NET's own <c>InMemoryKey</c> keeps its copy until the garbage collector reclaims it; this one
/// zeroes it as soon as the codes are checked, so a plaintext secret does not outlive the check.
/// </summary>
public sealed class TotpKey : IKeyProvider, IDisposable
{
    private readonly byte[] _secret;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="secret"/>: it is wiped on <see cref="Dispose"/>.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public TotpKey(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("A TOTP secret must not be empty.", nameof(secret));
        }

        _secret = secret;
    }

    /// <exception cref="ObjectDisposedException">The key was disposed and wiped.</exception>
    public byte[] ComputeHmac(OtpHashMode mode, byte[] data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return mode switch
        {
            OtpHashMode.Sha1 => HmacSha1(data),
            OtpHashMode.Sha256 => HMACSHA256.HashData(_secret, data),
            OtpHashMode.Sha512 => HMACSHA512.HashData(_secret, data),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected Sha1, Sha256 or Sha512."),
        };
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 4226/6238 require HMAC-SHA1, which SHA-1 collision attacks do not break.")]
    private byte[] HmacSha1(byte[] data) => HMACSHA1.HashData(_secret, data);
}
