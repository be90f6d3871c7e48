using System.Net.Mail;

namespace MfaGateway.Factors.Email;

/// <summary>E-mail addresses as the email factor takes them: one plain address, its domain lower-cased.</summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321 section 4.5.3.1.3: a path is at most 256 octets, so an address at most 254.</summary>
    public const int MaxLength = 254;

    public static bool TryNormalize(string? input, out string address, out string problem)
    {
        address = string.Empty;
        var trimmed = input?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problem = "Enter your email address.";
            return false;
        }

        if (trimmed.Length > MaxLength || trimmed.Any(char.IsControl) || trimmed.Any(char.IsWhiteSpace))
        {
            problem = "That email address cannot be used. Enter one address, like name@example.com.";
            return false;
        }

        // MailAddress also takes "Name <a@b>" and lists; only a bare address that reads back unchanged is one address.
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal)
            || parsed.Host.StartsWith('.') || parsed.Host.EndsWith('.'))
        {
            problem = "That is not an email address. Enter one like name@example.com.";
            return false;
        }

        // The local part may be case-sensitive (RFC 5321 section 2.4); the domain is not.
        address = $"{parsed.User}@{parsed.Host.ToLowerInvariant()}";
        problem = string.Empty;
        return true;
    }

    /// <summary>"a•••@example.com": the first character of the mailbox and the whole domain.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "•••" : $"{address[0]}•••{address[at..]}";
    }
}
