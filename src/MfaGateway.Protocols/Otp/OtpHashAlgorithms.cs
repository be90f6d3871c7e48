namespace MfaGateway.Protocols.Otp;

/// <summary>Facts about each <see cref="OtpHashAlgorithm"/> that several OTP types need to agree on.</summary>
internal static class OtpHashAlgorithms
{
    /// <summary>Large enough for the output of any supported HMAC, so callers can stack-allocate one buffer.</summary>
    public const int MaxHashSizeInBytes = 64;

    /// <summary>
    /// Output size of the HMAC. RFC 6238 also uses it as the seed length of its test vectors,
    /// and RFC 2104 section 3 advises keys no shorter than the output, so it doubles as the recommended secret size.
    /// </summary>
    public static int HashSizeInBytes(OtpHashAlgorithm algorithm) => algorithm switch
    {
        OtpHashAlgorithm.Sha1 => 20,
        OtpHashAlgorithm.Sha256 => 32,
        OtpHashAlgorithm.Sha512 => 64,
        _ => throw Unknown(algorithm),
    };

    /// <summary>The spelling the Key Uri Format uses in its <c>algorithm</c> parameter.</summary>
    public static string UriName(OtpHashAlgorithm algorithm) => algorithm switch
    {
        OtpHashAlgorithm.Sha1 => "SHA1",
        OtpHashAlgorithm.Sha256 => "SHA256",
        OtpHashAlgorithm.Sha512 => "SHA512",
        _ => throw Unknown(algorithm),
    };

    public static void ThrowIfUndefined(OtpHashAlgorithm algorithm, string paramName)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw Unknown(algorithm, paramName);
        }
    }

    private static ArgumentOutOfRangeException Unknown(OtpHashAlgorithm algorithm, string paramName = "algorithm") =>
        new(paramName, algorithm, "Unknown OTP hash algorithm; expected Sha1, Sha256 or Sha512.");
}
