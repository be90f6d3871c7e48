using System.Text;
using System.Text.RegularExpressions;

namespace MfaGateway.Policies;

/// <summary>
/// A path condition, compiled into <see cref="CanonicalPath"/> form and matched against canonical
/// request paths: case, a trailing slash, "//", dot segments and ";" parameters do not matter,
/// because the apps behind the gateway (ASP.NET, Tomcat, most frameworks) treat "/Transfer/" or
/// "/transfer;x=1" like "/transfer", and a rule that did not would be a bypass.
/// </summary>
public sealed class PathPattern
{
    /// <summary>
    /// Every pattern runs on the non-backtracking engine, whose time is linear in the path, so no match
    /// timeout is set: a timeout measures wall-clock time, and on a busy machine it fired on ordinary
    /// paths, turning load into errors on the proxied path.
    /// </summary>
    private static readonly TimeSpan RegexTimeout = Regex.InfiniteMatchTimeout;

    private readonly string? _exact;
    private readonly string? _prefix;
    private readonly Regex? _regex;

    private PathPattern(string text, string? exact, Regex? regex, string? prefix = null)
    {
        Text = text;
        _exact = exact;
        _regex = regex;
        _prefix = prefix;
    }

    public string Text { get; }

    /// <summary>
    /// Whether either reading of an ambiguous path matches. For the paths at which the gateway learns
    /// or loses identity (logout, API paths, success redirects) matching too often is the safe side.
    /// </summary>
    public bool Matches(in CanonicalPath path) =>
        MatchesReading(path.Value) || (path.Decoded is { } decoded && MatchesReading(decoded));

    /// <summary>Whether one canonical reading matches; policy rules weigh the readings themselves.</summary>
    public bool MatchesReading(string canonicalPath)
    {
        if (_exact is not null)
        {
            return canonicalPath.Equals(_exact, StringComparison.OrdinalIgnoreCase);
        }

        if (_prefix is not null)
        {
            // "/static/**": "/static" itself or anything under it, without the regex engine (most rules look like this).
            return canonicalPath.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase)
                && (canonicalPath.Length == _prefix.Length || canonicalPath[_prefix.Length] == '/' || _prefix == "/");
        }

        return _regex!.IsMatch(canonicalPath);
    }

    /// <summary>
    /// "/exact", "/a/*/c" (* = one segment), "/static/**" (any depth, including "/static"), or
    /// "regex:..." (run against the canonical path).
    /// </summary>
    public static bool TryParse(string text, out PathPattern? pattern, out string? error)
    {
        pattern = null;
        if (text.StartsWith("regex:", StringComparison.Ordinal))
        {
            try
            {
                // Operator-written expressions run on every request: the non-backtracking engine keeps them linear.
                var regex = new Regex(text["regex:".Length..], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout);
                pattern = new PathPattern(text, null, regex);
                error = null;
                return true;
            }
            catch (ArgumentException ex)
            {
                error = $"'{text}' is not a valid regular expression: {ex.Message}";
                return false;
            }
        }

        if (!text.StartsWith('/'))
        {
            error = $"'{text}' must start with '/' (or be written as regex:...)";
            return false;
        }

        if (text.Contains("***", StringComparison.Ordinal) || text.Contains('?') || text.Contains('#'))
        {
            error = $"'{text}' is not a valid path pattern: use '*' for one segment and '**' for any depth";
            return false;
        }

        if (CanonicalPath.FromConfig(text, out error) is not { } canonical)
        {
            return false;
        }

        if (!canonical.Contains('*'))
        {
            pattern = new PathPattern(text, canonical, null);
            return true;
        }

        if (canonical.EndsWith("/**", StringComparison.Ordinal) && canonical.IndexOf('*') == canonical.Length - 2)
        {
            var prefix = canonical[..^3];
            pattern = new PathPattern(text, null, null, prefix.Length == 0 ? "/" : prefix);
            error = null;
            return true;
        }

        pattern = new PathPattern(text, null, new Regex(GlobToRegex(canonical), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout));
        error = null;
        return true;
    }

    private static string GlobToRegex(string glob)
    {
        var builder = new StringBuilder("^");
        var i = 0;
        while (i < glob.Length)
        {
            if (glob.AsSpan(i).StartsWith("/**"))
            {
                builder.Append("(/.*)?");
                i += 3;
            }
            else if (glob.AsSpan(i).StartsWith("**"))
            {
                builder.Append(".*");
                i += 2;
            }
            else if (glob[i] == '*')
            {
                builder.Append("[^/]*");
                i++;
            }
            else
            {
                builder.Append(Regex.Escape(glob[i].ToString()));
                i++;
            }
        }

        return builder.Append('$').ToString(); // canonical paths have no trailing slash
    }
}
