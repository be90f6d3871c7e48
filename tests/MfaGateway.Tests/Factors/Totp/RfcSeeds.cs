using System.Text;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

/// <summary>The ASCII seeds of RFC 6238 Appendix B, one per hash function.</summary>
internal static class RfcSeeds
{
    public static byte[] For(OtpHashMode algorithm) => Encoding.ASCII.GetBytes(algorithm switch
    {
        OtpHashMode.Sha1 => "12345678901234567890",
        OtpHashMode.Sha256 => "12345678901234567890123456789012",
        OtpHashMode.Sha512 => "1234567890123456789012345678901234567890123456789012345678901234",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    });
}
