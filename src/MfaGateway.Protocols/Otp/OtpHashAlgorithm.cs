namespace MfaGateway.Protocols.Otp;

/// <summary>The HMAC hash function an OTP is computed with (RFC 6238 section 1.2).</summary>
public enum OtpHashAlgorithm
{
    /// <summary>HMAC-SHA-1: the RFC 4226 algorithm and the only one every authenticator app supports.</summary>
    Sha1,

    /// <summary>HMAC-SHA-256 (RFC 6238).</summary>
    Sha256,

    /// <summary>HMAC-SHA-512 (RFC 6238).</summary>
    Sha512,
}
