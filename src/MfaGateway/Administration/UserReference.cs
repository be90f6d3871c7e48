using System.Diagnostics.CodeAnalysis;
using MfaGateway.Apps;
using MfaGateway.Identity;

namespace MfaGateway.Administration;

/// <summary>
/// A user as an administrator names one: a realm and a user name, normalised the way the gateway
/// stores them for that realm, so "Alice" typed by an operator finds the "alice" who signed in
/// (unless the realm's apps keep user names case-sensitive).
/// </summary>
public sealed record UserReference(string Realm, string User)
{
    public const int MaxRealmLength = 256;

    public static bool TryCreate(string? realm, string? user, [NotNullWhen(true)] out UserReference? reference, [NotNullWhen(false)] out string? error, UserNameCase nameCase = UserNameCase.Insensitive)
    {
        reference = null;
        var trimmedRealm = realm?.Trim();
        if (string.IsNullOrEmpty(trimmedRealm) || trimmedRealm.Length > MaxRealmLength || trimmedRealm.Any(char.IsControl))
        {
            error = $"The realm must be 1 to {MaxRealmLength} characters without control characters.";
            return false;
        }

        if (UserName.Normalize(user, nameCase) is not { } normalized)
        {
            error = $"The user name must be 1 to {UserName.MaxLength} characters without control characters.";
            return false;
        }

        reference = new UserReference(trimmedRealm, normalized);
        error = null;
        return true;
    }
}
