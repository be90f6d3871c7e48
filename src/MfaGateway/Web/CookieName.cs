namespace MfaGateway.Web;

/// <summary>
/// Compares a cookie name as sent by a client with a name the gateway tracks, the way the loosest
/// common stack would read it: ASP.NET Core looks names up case-insensitively, PHP percent-decodes
/// them and reads '.', ' ' and '[' as '_'. Two names any stack could read as one are the same name
/// here, so a client cannot hide a second copy of a credential from the gateway but not from the app.
/// </summary>
public static class CookieName
{
    public static bool Matches(ReadOnlySpan<char> sent, string tracked)
    {
        sent = Trim(sent);
        if (sent.Length == tracked.Length && sent.IndexOf('%') < 0)
        {
            return SameCharacters(sent, tracked);
        }

        if (sent.IndexOf('%') < 0 || sent.Length > 256)
        {
            return false;
        }

        Span<char> decoded = stackalloc char[sent.Length];
        var length = PercentDecode(sent, decoded);
        return length == tracked.Length && SameCharacters(decoded[..length], tracked);
    }

    /// <summary>Whether <paramref name="sent"/> starts with <paramref name="prefix"/>, read as <see cref="Matches"/> reads names.</summary>
    public static bool StartsWith(ReadOnlySpan<char> sent, string prefix)
    {
        sent = Trim(sent);
        if (sent.IndexOf('%') >= 0 && sent.Length <= 256)
        {
            Span<char> decoded = stackalloc char[sent.Length];
            var length = PercentDecode(sent, decoded);
            return length >= prefix.Length && SameCharacters(decoded[..prefix.Length], prefix);
        }

        return sent.Length >= prefix.Length && SameCharacters(sent[..prefix.Length], prefix);
    }

    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> name) => name.Trim(" \t");

    private static bool SameCharacters(ReadOnlySpan<char> sent, string tracked)
    {
        for (var i = 0; i < sent.Length; i++)
        {
            var a = sent[i];
            var b = tracked[i];
            if (a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b))
            {
                continue;
            }

            if (b == '_' && a is '.' or ' ' or '[')
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Decodes %XX escapes (malformed ones stay as they are); returns the decoded length.</summary>
    private static int PercentDecode(ReadOnlySpan<char> source, Span<char> destination)
    {
        var length = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '%' && i + 2 < source.Length
                && char.IsAsciiHexDigit(source[i + 1]) && char.IsAsciiHexDigit(source[i + 2]))
            {
                destination[length++] = (char)byte.Parse(source.Slice(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
                i += 2;
            }
            else
            {
                destination[length++] = source[i];
            }
        }

        return length;
    }
}
