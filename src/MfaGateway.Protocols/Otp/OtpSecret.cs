using System.Security.Cryptography;

namespace MfaGateway.Protocols.Otp;

/// <summary>Creates new shared secrets for OTP enrolment.</summary>
public static class OtpSecret
{
    /// <summary>RFC 4226 section 4, requirement R6: 160 bits is the recommended minimum.</summary>
    private const int MinimumByteCount = 20;

    /// <summary>Returns <paramref name="byteCount"/> bytes from the operating system's CSPRNG.</summary>
    /// <param name="byteCount">At least 20; use <see cref="TotpParameters.RecommendedSecretBytes"/> for the chosen algorithm.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteCount"/> is below 20.</exception>
    public static byte[] Generate(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCount, MinimumByteCount);
        return RandomNumberGenerator.GetBytes(byteCount);
    }
}
