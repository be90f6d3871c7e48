using System.Text;
using System.Text.RegularExpressions;

namespace MfaGateway.Policies;

/// <summary>
/// A path condition. Matching ignores case and a trailing slash, because the apps behind the gateway
/// (ASP.NET, most frameworks) treat "/Transfer/" like "/transfer": a case-sensitive rule would be a
/// bypass.
/// </summary>
public sealed class PathPattern
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    private readonly string? _exact;
    private readonly Regex? _regex;

    private PathPattern(string text, string? exact, Regex? regex)
    {
        Text = text;
        _exact = exact;
        _regex = regex;
    }

    public string Text { get; }

    public bool Matches(PathString path)
    {
        var value = path.Value ?? "/";
        if (_exact is not null)
        {
            var trimmed = value.Length > 1 && value[^1] == '/' ? value.AsSpan(0, value.Length - 1) : value.AsSpan();
            return trimmed.Equals(_exact, StringComparison.OrdinalIgnoreCase);
        }

        return _regex!.IsMatch(value);
    }

    /// <summary>"/exact", "/a/*/c" (* = one segment), "/static/**" (any depth, including "/static"), or "regex:...".</summary>
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

        if (!text.Contains('*'))
        {
            var exact = text.Length > 1 && text[^1] == '/' ? text[..^1] : text;
            pattern = new PathPattern(text, exact, null);
            error = null;
            return true;
        }

        pattern = new PathPattern(text, null, new Regex(GlobToRegex(text), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout));
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

        return builder.Append("/?$").ToString();
    }
}
