using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MfaGateway.Protocols.Otp;

/// <summary>An <see cref="IOtpKey"/> held in process memory and wiped on <see cref="Dispose"/>.</summary>
public sealed class InMemoryOtpKey : IOtpKey, IDisposable
{
    // A private copy, so the caller can wipe its own buffer right away and nobody else can alter the key.
    private readonly byte[] key;
    private bool disposed;

    /// <summary>Copies <paramref name="key"/>; the caller keeps ownership of (and should wipe) its buffer.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public InMemoryOtpKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("An OTP key must not be empty.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The key has been disposed and wiped.</exception>
    public int ComputeHmac(OtpHashAlgorithm algorithm, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        OtpHashAlgorithms.ThrowIfUndefined(algorithm, nameof(algorithm));

        return algorithm switch
        {
            OtpHashAlgorithm.Sha256 => HMACSHA256.HashData(key, message, destination),
            OtpHashAlgorithm.Sha512 => HMACSHA512.HashData(key, message, destination),
            _ => ComputeHmacSha1(message, destination),
        };
    }

    /// <summary>Overwrites the key with zeros so it does not linger in memory or in a later heap dump.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(key);
        disposed = true;
    }

    // RFC 4226 and RFC 6238 require HMAC-SHA1; HMAC-SHA1 is not affected by SHA-1 collision attacks.
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 4226/6238 require HMAC-SHA1, which SHA-1 collision attacks do not break.")]
    private int ComputeHmacSha1(ReadOnlySpan<byte> message, Span<byte> destination) =>
        HMACSHA1.HashData(key, message, destination);
}
