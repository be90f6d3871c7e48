using System.Globalization;

namespace MfaGateway.Protocols.Otp;

/// <summary>
/// Builds otpauth:// URIs in Google Authenticator's "Key Uri Format", the de facto standard
/// that authenticator apps read from enrolment QR codes.
/// </summary>
public static class OtpAuthUri
{
    /// <summary>
    /// Returns <c>otpauth://totp/{issuer}:{account}?secret=…&amp;issuer=…&amp;algorithm=…&amp;digits=…&amp;period=…</c>.
    /// </summary>
    /// <remarks>
    /// The issuer goes both into the label prefix (for older apps) and the issuer parameter (which newer apps prefer).
    /// Algorithm, digits and period are always written, even at their defaults, so no app has to guess.
    /// </remarks>
    /// <exception cref="ArgumentException">Empty or whitespace issuer or account name, or an empty secret.</exception>
    public static string ForTotp(string issuer, string accountName, ReadOnlySpan<byte> secret, TotpParameters parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(parameters);
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The OTP secret must not be empty.", nameof(secret));
        }

        var encodedIssuer = Encode(issuer);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{encodedIssuer}:{Encode(accountName)}?secret={Base32.Encode(secret)}&issuer={encodedIssuer}&algorithm={OtpHashAlgorithms.UriName(parameters.Algorithm)}&digits={parameters.Digits}&period={parameters.PeriodSeconds}");
    }

    // RFC 3986 percent-encoding: spaces become %20 (apps show a literal '+' for form encoding), and a ':'
    // inside the issuer or account is encoded so it cannot be mistaken for the label's issuer separator.
    private static string Encode(string value) => Uri.EscapeDataString(value);
}
