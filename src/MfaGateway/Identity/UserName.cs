using MfaGateway.Apps;

namespace MfaGateway.Identity;

/// <summary>
/// User names are compared trimmed and, unless the app says otherwise, case-insensitively, as almost
/// every login form does: otherwise "Alice" and "alice" would be two gateway users, each enrolling
/// their own factor. An app that keeps "Alice" and "alice" apart must say so (UserNameCase: Sensitive),
/// or its two users would share one gateway user and its factors.
/// </summary>
public static class UserName
{
    public const int MaxLength = 256;

    public static string? Normalize(string? raw, UserNameCase nameCase = UserNameCase.Insensitive)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(char.IsControl))
        {
            return null;
        }

        return nameCase == UserNameCase.Sensitive ? trimmed : trimmed.ToLowerInvariant();
    }
}
