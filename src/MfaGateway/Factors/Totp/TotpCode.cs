namespace MfaGateway.Factors.Totp;

internal static class TotpCode
{
    /// <summary>Accepts "123 456" and "123-456" as typed from apps that group digits; null when it cannot be a code.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16)
        {
            return null;
        }

        var digits = new string([.. code.Where(c => c is not (' ' or '-'))]);
        return digits.Length is >= 6 and <= 8 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
