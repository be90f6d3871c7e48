using OtpNet;

namespace MfaGateway.Factors.Totp;

/// <param name="SecretBase32">For manual entry; shown grouped in fours.</param>
/// <param name="QrCodePngDataUri">A data: URI, so the page needs no extra request and no script.</param>
public sealed record TotpEnrolmentPrompt(
    string Issuer,
    string AccountName,
    string SecretBase32,
    string OtpAuthUri,
    string QrCodePngDataUri,
    TotpFactorSettings Settings) : EnrolmentPrompt(FactorTypes.Totp)
{
    /// <summary>
    /// What an authenticator app needs: Otp.NET's otpauth:// URI in Google's Key Uri Format (the issuer
    /// both as the label's prefix, for older apps, and as a parameter; algorithm, digits and period
    /// always written), its QR code, and the secret as unpadded base32 for typing by hand.
    /// </summary>
    public static TotpEnrolmentPrompt For(string issuer, string accountName, byte[] secret, TotpFactorSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(settings);

        // Apps expect the base32 without RFC 4648's '=' padding, in the URI and when typed.
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        var uri = new OtpUri(OtpType.Totp, base32, accountName, issuer, settings.Algorithm, settings.Digits, settings.PeriodSeconds).ToString();
        return new TotpEnrolmentPrompt(issuer, accountName, base32, uri, QrCodeImage.PngDataUri(uri), settings);
    }
}
