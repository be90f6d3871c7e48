namespace MfaGateway.Protocols.Otp;

/// <summary>
/// The settings a TOTP enrolment shares with the authenticator app.
/// Every property is validated in its init accessor, so no instance (including one made with <c>with</c>) can be invalid.
/// </summary>
public sealed record TotpParameters
{
    /// <summary>SHA-1, 6 digits, 30 seconds: the only combination every authenticator app supports.</summary>
    public static TotpParameters Default { get; } = new();

    /// <summary>The HMAC hash function.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="OtpHashAlgorithm"/>.</exception>
    public OtpHashAlgorithm Algorithm
    {
        get;
        init
        {
            OtpHashAlgorithms.ThrowIfUndefined(value, nameof(Algorithm));
            field = value;
        }
    } = OtpHashAlgorithm.Sha1;

    /// <summary>Code length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 6..8.</exception>
    public int Digits
    {
        get;
        init
        {
            OtpDigits.ThrowIfOutOfRange(value, nameof(Digits));
            field = value;
        }
    } = 6;

    /// <summary>Length of a time step (RFC 6238 "X").</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than one second.</exception>
    public int PeriodSeconds
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(PeriodSeconds));
            field = value;
        }
    } = 30;

    /// <summary>
    /// Secret length the RFCs recommend for <see cref="Algorithm"/>: the HMAC output size
    /// (20 bytes for SHA-1, 32 for SHA-256, 64 for SHA-512), as used by the RFC 6238 seeds.
    /// </summary>
    public int RecommendedSecretBytes => OtpHashAlgorithms.HashSizeInBytes(Algorithm);
}
