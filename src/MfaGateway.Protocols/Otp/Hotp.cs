using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace MfaGateway.Protocols.Otp;

/// <summary>HMAC-based one-time passwords (RFC 4226).</summary>
public static class Hotp
{
    /// <summary>Computes the HOTP value for <paramref name="counter"/> (RFC 4226 section 5.3).</summary>
    /// <param name="key">The shared secret.</param>
    /// <param name="counter">The moving factor; RFC 4226 defines it as an unsigned 8-byte value, so it must not be negative.</param>
    /// <param name="digits">Code length, 6 to 8.</param>
    /// <param name="algorithm">The HMAC hash function.</param>
    /// <returns>The code as a number below 10^<paramref name="digits"/>; see <see cref="ComputeCode"/> for the zero-padded text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Digits outside 6..8, a negative counter or an unknown algorithm.</exception>
    /// <exception cref="CryptographicException">The key produced an HMAC of the wrong length.</exception>
    public static int Compute(IOtpKey key, long counter, int digits, OtpHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        OtpDigits.ThrowIfOutOfRange(digits, nameof(digits));
        var hashSize = OtpHashAlgorithms.HashSizeInBytes(algorithm);

        Span<byte> message = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);

        Span<byte> hmac = stackalloc byte[OtpHashAlgorithms.MaxHashSizeInBytes];
        hmac = hmac[..hashSize];
        try
        {
            // IOtpKey may be a remote HSM adapter; a short answer would make the truncation read garbage.
            var written = key.ComputeHmac(algorithm, message, hmac);
            if (written != hashSize)
            {
                throw new CryptographicException($"The OTP key returned {written} HMAC bytes; {algorithm} produces {hashSize}.");
            }

            return DynamicTruncate(hmac) % OtpDigits.Modulus(digits);
        }
        finally
        {
            // Verification also computes future steps, whose codes stay valid for a while; leave no copy on the stack.
            CryptographicOperations.ZeroMemory(hmac);
        }
    }

    /// <summary>
    /// Computes the HOTP code for <paramref name="counter"/> as text, left-padded with zeros to
    /// <paramref name="digits"/> characters; parameters and exceptions as for <see cref="Compute"/>.
    /// </summary>
    public static string ComputeCode(IOtpKey key, long counter, int digits, OtpHashAlgorithm algorithm) =>
        Compute(key, counter, digits, algorithm).ToString(OtpDigits.ZeroPaddedFormat(digits), CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 4226 section 5.3 "dynamic truncation": the low nibble of the last byte picks where to read
    /// four big-endian bytes; the top bit is dropped so signed and unsigned implementations agree.
    /// </summary>
    internal static int DynamicTruncate(ReadOnlySpan<byte> hmac)
    {
        var offset = hmac[^1] & 0x0F;
        return BinaryPrimitives.ReadInt32BigEndian(hmac.Slice(offset, 4)) & 0x7FFF_FFFF;
    }
}
