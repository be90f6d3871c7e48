namespace MfaGateway.Proxy;

/// <summary>
/// Removes named cookies from a raw Cookie header without parsing it: this runs on every proxied
/// request, and most requests carry no gateway cookie at all.
/// </summary>
public static class CookieHeader
{
    /// <summary>The header without the named cookies; the same instance when none is present.</summary>
    public static string Without(string header, string first, string? second)
    {
        var result = header;
        result = Remove(result, first);
        if (second is not null)
        {
            result = Remove(result, second);
        }

        return result;
    }

    private static string Remove(string header, string name)
    {
        var start = Find(header, name);
        if (start < 0)
        {
            return header;
        }

        var end = header.IndexOf(';', start);
        if (end < 0)
        {
            // The last pair: also drop the separator before it.
            var cut = header.LastIndexOf(';', Math.Max(0, start - 1));
            return start == 0 ? string.Empty : header[..Math.Max(0, cut)].TrimEnd();
        }

        var next = end + 1;
        while (next < header.Length && header[next] == ' ')
        {
            next++;
        }

        return string.Concat(header.AsSpan(0, start), header.AsSpan(next));
    }

    /// <summary>Index of "name=" at the start of a pair (start of header, or after "; " / ";").</summary>
    private static int Find(string header, string name)
    {
        var from = 0;
        while (from < header.Length)
        {
            var index = header.IndexOf(name, from, StringComparison.Ordinal);
            if (index < 0)
            {
                return -1;
            }

            var end = index + name.Length;
            var startsPair = index == 0 || header[index - 1] == ' ' || header[index - 1] == ';';
            if (startsPair && end < header.Length && header[end] == '=')
            {
                return index;
            }

            from = index + 1;
        }

        return -1;
    }
}
