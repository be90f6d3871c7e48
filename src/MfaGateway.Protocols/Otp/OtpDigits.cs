using System.Globalization;

namespace MfaGateway.Protocols.Otp;

/// <summary>The code lengths RFC 4226 allows, shared by HOTP, TOTP and their parameters.</summary>
internal static class OtpDigits
{
    // RFC 4226 section 5.3 demands at least 6 digits and names 7 and 8 as the longer options;
    // authenticator apps support nothing else.
    public const int Min = 6;
    public const int Max = 8;

    private static readonly int[] Moduli = [1_000_000, 10_000_000, 100_000_000];
    private static readonly string[] ZeroPaddedFormats = ["D6", "D7", "D8"];

    public static void ThrowIfOutOfRange(int digits, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, Min, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, Max, paramName);
    }

    /// <summary>10^digits, the modulus that turns the truncated HMAC into a code.</summary>
    public static int Modulus(int digits) => Moduli[digits - Min];

    /// <summary>Format string that left-pads a code with zeros to <paramref name="digits"/> characters.</summary>
    public static string ZeroPaddedFormat(int digits) => ZeroPaddedFormats[digits - Min];

    /// <summary>Writes the zero-padded code as ASCII digits without allocating a string.</summary>
    public static void WriteAscii(int code, int digits, Span<byte> destination)
    {
        if (!code.TryFormat(destination, out var written, ZeroPaddedFormat(digits), CultureInfo.InvariantCulture) || written != digits)
        {
            throw new ArgumentException($"Destination must hold exactly {digits} bytes.", nameof(destination));
        }
    }
}
