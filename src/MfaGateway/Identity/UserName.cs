namespace MfaGateway.Identity;

/// <summary>
/// User names are compared trimmed and case-insensitively, as almost every login form does:
/// otherwise "Alice" and "alice" would be two gateway users, each enrolling their own factor.
/// </summary>
public static class UserName
{
    public const int MaxLength = 256;

    public static string? Normalize(string? raw)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(char.IsControl))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }
}
