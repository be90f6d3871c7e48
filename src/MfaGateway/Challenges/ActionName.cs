using System.Globalization;

namespace MfaGateway.Challenges;

/// <summary>
/// Names the action a step-up guards from its path, for the challenge page: "/transfer" is
/// "Transfer", "/account/password" is "Account password", "/api/transfers" is "Transfers". Anything odd gives no name rather than
/// echoing client input: the page then says only that the action needs a verification.
/// </summary>
public static class ActionName
{
    private const int MaxLength = 60;

    public static string? FromPath(string? path)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is 0 or > 4 || !segments.All(IsWord))
        {
            return null;
        }

        // "/api/transfers" is the same action as "/transfers" to the person asked.
        if (segments.Length > 1 && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            segments = segments[1..];
        }

        var words = string.Join(' ', segments.Select(s => s.Replace('-', ' ').Replace('_', ' ')));
        return words.Length > MaxLength ? null : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..].ToLowerInvariant();
    }

    /// <summary>Letters, with single dashes or underscores between them: ids and tokens are not words.</summary>
    private static bool IsWord(string segment) =>
        segment.All(c => char.IsAsciiLetter(c) || c is '-' or '_') && char.IsAsciiLetter(segment[0]) && char.IsAsciiLetter(segment[^1]);
}
