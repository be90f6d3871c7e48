using System.Text;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

/// <summary>The ASCII seeds of RFC 4226 Appendix D and RFC 6238 Appendix B.</summary>
internal static class RfcSeeds
{
    public static byte[] Sha1 { get; } = Encoding.ASCII.GetBytes("12345678901234567890");

    public static byte[] Sha256 { get; } = Encoding.ASCII.GetBytes("12345678901234567890123456789012");

    public static byte[] Sha512 { get; } =
        Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    public static byte[] For(OtpHashAlgorithm algorithm) => algorithm switch
    {
        OtpHashAlgorithm.Sha1 => Sha1,
        OtpHashAlgorithm.Sha256 => Sha256,
        OtpHashAlgorithm.Sha512 => Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };
}
