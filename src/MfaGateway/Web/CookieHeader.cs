using Microsoft.Extensions.Primitives;

namespace MfaGateway.Web;

/// <summary>How often a cookie name occurs in a request, read as any common stack could read it.</summary>
public enum CookiePresence
{
    Absent,
    Once,

    /// <summary>
    /// More than once (across all Cookie headers, in any spelling <see cref="CookieName"/> treats as the
    /// same), or hidden behind a ',' inside another pair, which some stacks split on: the gateway and the
    /// app could read different values, so the request has no such cookie the gateway can vouch for.
    /// </summary>
    Repeated,
}

/// <summary>
/// Reads raw Cookie headers without parsing them into a collection: this runs on every proxied
/// request. Pairs are separated by ';'; a ',' inside a pair is also read as a separator when looking
/// for names, because some stacks split there.
/// </summary>
public static class CookieHeader
{
    /// <summary>Whether <paramref name="name"/> is present once, and its value (without surrounding quotes) if so.</summary>
    public static CookiePresence Find(StringValues headers, string name, out ReadOnlySpan<char> value)
    {
        value = default;
        var count = 0;
        var hidden = false;
        foreach (var header in headers)
        {
            if (header is null)
            {
                continue;
            }

            foreach (var pair in new CookiePairs(header))
            {
                var found = pair.Occurrences(name, out var inFirstName);
                if (found == 0)
                {
                    continue;
                }

                if (count == 0 && inFirstName)
                {
                    value = pair.Value;
                }

                count += found;
                hidden |= !inFirstName || found > 1;
            }
        }

        return count switch
        {
            0 => CookiePresence.Absent,
            1 when !hidden => CookiePresence.Once,
            _ => Clear(ref value),
        };
    }

    private static CookiePresence Clear(ref ReadOnlySpan<char> value)
    {
        value = default;
        return CookiePresence.Repeated;
    }
}

/// <summary>The ';'-separated pairs of one Cookie header, trimmed; empty pairs are skipped.</summary>
public ref struct CookiePairs(string header)
{
    private readonly string _header = header;
    private int _next;

    public CookiePair Current { get; private set; }

    public readonly CookiePairs GetEnumerator() => this;

    public bool MoveNext()
    {
        while (_next < _header.Length)
        {
            var start = _next;
            var end = _header.IndexOf(';', start);
            if (end < 0)
            {
                end = _header.Length;
            }

            _next = end + 1;
            var text = _header.AsSpan(start, end - start).Trim(" \t");
            if (!text.IsEmpty)
            {
                Current = new CookiePair(text);
                return true;
            }
        }

        return false;
    }
}

/// <summary>One "name=value" pair of a Cookie header.</summary>
public readonly ref struct CookiePair(ReadOnlySpan<char> text)
{
    public ReadOnlySpan<char> Text { get; } = text;

    public ReadOnlySpan<char> Name => CookieName.Trim(Text.IndexOf('=') is var at and >= 0 ? Text[..at] : Text);

    /// <summary>The value as frameworks hand it to the app: trimmed, surrounding quotes removed.</summary>
    public ReadOnlySpan<char> Value
    {
        get
        {
            var at = Text.IndexOf('=');
            var value = at < 0 ? [] : Text[(at + 1)..].Trim(" \t");
            return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        }
    }

    /// <summary>
    /// How many names in this pair match <paramref name="name"/>: its own name, and any name after a ','
    /// inside it (<c>a=1, DemoSession=x</c> is two pairs to a stack that splits on ',').
    /// </summary>
    public int Occurrences(string name, out bool inFirstName)
    {
        inFirstName = CookieName.Matches(Name, name);
        var count = inFirstName ? 1 : 0;
        if (Text.IndexOf(',') < 0)
        {
            return count;
        }

        var rest = Text;
        while (rest.IndexOf(',') is var comma and >= 0)
        {
            rest = rest[(comma + 1)..];
            var equals = rest.IndexOf('=');
            var candidate = equals < 0 ? rest : rest[..equals];
            var nextComma = candidate.IndexOf(',');
            if (nextComma >= 0)
            {
                candidate = candidate[..nextComma];
            }

            if (CookieName.Matches(candidate, name))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether any name in this pair (see <see cref="Occurrences"/>) starts with <paramref name="prefix"/>.</summary>
    public bool AnyNameStartsWith(string prefix)
    {
        if (CookieName.StartsWith(Name, prefix))
        {
            return true;
        }

        var rest = Text;
        while (rest.IndexOf(',') is var comma and >= 0)
        {
            rest = rest[(comma + 1)..];
            if (CookieName.StartsWith(rest, prefix))
            {
                return true;
            }
        }

        return false;
    }
}
