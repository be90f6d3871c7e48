using System.Security.Cryptography;

namespace MfaGateway.Factors.SentCodes;

/// <summary>The codes themselves: made from the CSPRNG, and read back from what the user typed.</summary>
public static class SentCode
{
    /// <summary>Each digit drawn on its own, so any length up to <see cref="SentCodeSettings.MaxDigits"/> is uniform.</summary>
    public static string New(int digits) => RandomNumberGenerator.GetString("0123456789", digits);

    /// <summary>The digits typed, without the spaces or dashes people add when copying; null when it cannot be a code of this length.</summary>
    public static string? Normalize(string? typed, int digits)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > 4 * digits)
        {
            return null;
        }

        Span<char> kept = stackalloc char[digits];
        var count = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\u00a0')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == digits)
            {
                return null;
            }

            kept[count++] = c;
        }

        return count == digits ? new string(kept) : null;
    }
}
