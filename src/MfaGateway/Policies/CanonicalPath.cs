using System.Buffers;

namespace MfaGateway.Policies;

/// <summary>
/// The one form in which the gateway compares request paths with configured ones. Apps behind the
/// gateway read a path more loosely than a byte-for-byte comparison does: ASP.NET ignores case and a
/// trailing slash, Tomcat and Spring drop ";jsessionid=..." parameters, many stacks merge "//" and
/// resolve "." and "..". A path the gateway reads differently from the app is a way around a rule,
/// so the canonical form applies all of those readings: segments without their ";" parameters,
/// empty and "." segments dropped, ".." resolved (never above the root), no trailing slash.
/// Comparisons against it ignore case (ordinal).
/// <para>
/// Kestrel has already decoded every percent-escape except %2F and removed dot segments, so a
/// "%XX" still present (an encoded slash, or a double-encoded anything) or a backslash means the
/// app may read the path in two ways: as written, or decoded once more with '\' as a separator
/// (IIS, some Java and PHP stacks). Such a path is <see cref="IsAmbiguous"/> and carries both
/// readings; callers decide conservatively which one counts. A control character or NUL in either
/// reading has no meaning an app would agree on: the path is <see cref="IsRefused"/>.
/// </para>
/// </summary>
public readonly struct CanonicalPath
{
    /// <summary>What makes a path need more than the quick check: parameters, escapes, backslashes and control characters.</summary>
    private static readonly SearchValues<char> NeedsWork = SearchValues.Create(
        ";%\\\u007f\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private readonly string? _value;

    private CanonicalPath(string value, string? decoded, bool refused)
    {
        _value = value;
        Decoded = decoded;
        IsRefused = refused;
    }

    /// <summary>The path as an app that does not decode it any further reads it.</summary>
    public string Value => _value ?? "/";

    /// <summary>The path as an app that decodes leftover escapes once and reads '\' as '/' does; null when that reading is the same.</summary>
    public string? Decoded { get; }

    /// <summary>Whether an app could read the path in two ways that lead to different places.</summary>
    public bool IsAmbiguous => Decoded is not null;

    /// <summary>Whether the path holds a control character (or decodes to one): refused, never compared.</summary>
    public bool IsRefused { get; }

    /// <summary>
    /// The canonical form of the request's path, worked out once per request: a path that already is
    /// canonical (nearly every request) costs one vectorised scan and no allocation.
    /// </summary>
    public static CanonicalPath Of(HttpRequest request)
    {
        var path = request.Path.Value;
        if (string.IsNullOrEmpty(path) || IsCanonical(path))
        {
            return new CanonicalPath(string.IsNullOrEmpty(path) ? "/" : path, null, false);
        }

        var features = request.HttpContext.Features;
        if (features.Get<CanonicalPathFeature>() is { } cached && ReferenceEquals(cached.Source, path))
        {
            return cached.Path;
        }

        var computed = Of(path);
        features.Set(new CanonicalPathFeature(path, computed));
        return computed;
    }

    /// <summary>The canonical form of a path as Kestrel hands it over (decoded except %2F).</summary>
    public static CanonicalPath Of(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new CanonicalPath("/", null, false);
        }

        if (IsCanonical(path))
        {
            return new CanonicalPath(path, null, false);
        }

        var literal = Normalise(path);
        var refused = HasControlCharacter(path);
        string? decoded = null;
        if (path.Contains('%', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            var once = Uri.UnescapeDataString(path).Replace('\\', '/');
            refused |= HasControlCharacter(once);
            var reading = Normalise(once);
            decoded = reading.Equals(literal, StringComparison.OrdinalIgnoreCase) ? null : reading;
        }

        return new CanonicalPath(literal, decoded, refused);
    }

    /// <summary>Whether <paramref name="canonical"/> (a configured path in canonical form) is what either reading names.</summary>
    public bool Is(string canonical) =>
        Value.Equals(canonical, StringComparison.OrdinalIgnoreCase)
        || (Decoded is not null && Decoded.Equals(canonical, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether either reading is <paramref name="prefix"/> (canonical, one or more segments) or lies under it.</summary>
    public bool IsUnder(string prefix) =>
        new PathString(Value).StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)
        || (Decoded is not null && new PathString(Decoded).StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Decoded is null ? Value : $"{Value} (or {Decoded})";

    /// <summary>
    /// A configured path (or path pattern: '*' is an ordinary character here) in canonical form. What
    /// an app never receives decoded (';' parameters, escapes, backslashes, control characters) is an
    /// error rather than silently dropped: the operator meant something else.
    /// </summary>
    public static string? FromConfig(string text, out string? error)
    {
        if (!text.StartsWith('/'))
        {
            error = $"'{text}' must start with '/'";
            return null;
        }

        if (text.AsSpan().ContainsAny(NeedsWork))
        {
            error = $"'{text}' must be written as the app routes it: no ';' parameters, '%' escapes, backslashes or control characters";
            return null;
        }

        error = null;
        return IsCanonical(text) ? text : Normalise(text);
    }

    /// <summary>No parameters, escapes, backslashes or control characters; no empty, "." or ".." segment; no trailing slash.</summary>
    internal static bool IsCanonical(ReadOnlySpan<char> path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        if (path[^1] == '/' || path.ContainsAny(NeedsWork) || path.IndexOf("//", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        for (var dot = path.IndexOf("/.", StringComparison.Ordinal); dot >= 0; dot = NextDotSegmentStart(path, dot))
        {
            var rest = path[(dot + 1)..];
            if (rest is "." or ".." || rest.StartsWith("./", StringComparison.Ordinal) || rest.StartsWith("../", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int NextDotSegmentStart(ReadOnlySpan<char> path, int previous)
    {
        var next = path[(previous + 1)..].IndexOf("/.", StringComparison.Ordinal);
        return next < 0 ? -1 : previous + 1 + next;
    }

    /// <summary>Segments without ';' parameters; empty and "." segments dropped; ".." removes the segment before it.</summary>
    private static string Normalise(ReadOnlySpan<char> path)
    {
        Span<char> buffer = path.Length < 256 ? stackalloc char[256] : new char[path.Length + 1];
        var length = 0;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            var parameters = segment.IndexOf(';');
            if (parameters >= 0)
            {
                segment = segment[..parameters];
            }

            if (segment.Length == 0 || segment is ".")
            {
                continue;
            }

            if (segment is "..")
            {
                length = Math.Max(0, buffer[..length].LastIndexOf('/'));
                continue;
            }

            buffer[length++] = '/';
            segment.CopyTo(buffer[length..]);
            length += segment.Length;
        }

        return length == 0 ? "/" : new string(buffer[..length]);
    }

    private static bool HasControlCharacter(ReadOnlySpan<char> path)
    {
        foreach (var c in path)
        {
            if (c < ' ' || c == '\u007f')
            {
                return true;
            }
        }

        return false;
    }
}
