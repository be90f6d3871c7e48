using System.Globalization;
using System.Text;

namespace MfaGateway.Web;

/// <summary>
/// Where a user may be sent back to after MFA: only a path on this site. Refuses "https://evil",
/// "//evil" and "/\evil" (both read by browsers as another host), "https:evil", and any control
/// character or whitespace, which browsers strip ("/\t/evil" becomes "//evil").
/// </summary>
public static class ReturnUrl
{
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A local URL as it may be sent in a Location header or a form action: every character beyond
    /// ASCII percent-encoded as UTF-8, which is what a browser does with it anyway. Null when the URL
    /// is not local.
    /// </summary>
    public static string? ToDeliverable(string? url)
    {
        if (!IsLocal(url))
        {
            return null;
        }

        if (IsDeliverable(url!))
        {
            return url;
        }

        var escaped = new StringBuilder(url!.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            if (url[i] < 0x80)
            {
                escaped.Append(url[i]);
                continue;
            }

            // A lone surrogate has no UTF-8 form: the browser would send U+FFFD, so that is what is kept.
            var rune = Rune.TryGetRuneAt(url, i, out var r) ? r : Rune.ReplacementChar;
            if (!rune.IsBmp)
            {
                i++;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    /// <summary>Whether <paramref name="url"/> can go in a response header as it is: printable ASCII only.</summary>
    public static bool IsDeliverable(string url)
    {
        foreach (var c in url)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
