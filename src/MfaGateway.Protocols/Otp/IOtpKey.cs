namespace MfaGateway.Protocols.Otp;

/// <summary>
/// A shared OTP secret that can compute HMACs but never has to reveal its bytes,
/// so the key can later move into an HSM or a cloud KMS without changing the OTP code.
/// </summary>
public interface IOtpKey
{
    /// <summary>Computes HMAC(key, <paramref name="message"/>) with <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">The hash function of the HMAC.</param>
    /// <param name="message">The data to authenticate; for OTPs the 8-byte big-endian counter.</param>
    /// <param name="destination">Receives the HMAC; must hold at least the algorithm's output size.</param>
    /// <returns>The number of bytes written to <paramref name="destination"/>.</returns>
    int ComputeHmac(OtpHashAlgorithm algorithm, ReadOnlySpan<byte> message, Span<byte> destination);
}
