using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Identity;

namespace MfaGateway.Administration;

/// <summary>
/// Turns the audit listing's query string into an <see cref="AuditQuery"/>, or says exactly what is
/// wrong with it. Unknown or repeated parameters are errors: a misspelt "pagesize" silently ignored
/// would return a different page than the administrator asked for.
/// </summary>
public static class AuditQueryParser
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxTypes = 32;
    public const int MaxTypeLength = 64;

    public const string Realm = "realm";
    public const string User = "user";
    public const string Type = "type";
    public const string From = "from";
    public const string To = "to";
    public const string Page = "page";
    public const string PageSize = "page_size";

    private static readonly string[] Known = [Realm, User, Type, From, To, Page, PageSize];

    /// <summary>ISO 8601 date, or date and time with an optional fraction and offset (UTC when none is given).</summary>
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(IQueryCollection query, GatewayConfig config, [NotNullWhen(true)] out AuditQuery? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (query.Keys.FirstOrDefault(key => !Known.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            error = $"Unknown parameter '{Truncate(unknown)}'; the parameters are {string.Join(", ", Known)}.";
            return false;
        }

        if (query.FirstOrDefault(pair => pair.Value.Count > 1) is { Key: { } repeated })
        {
            error = $"The parameter '{repeated}' is given more than once.";
            return false;
        }

        var result = new AuditQuery();
        if (Value(query, Realm) is { } realm)
        {
            if (realm.Length > UserReference.MaxRealmLength || realm.Any(char.IsControl))
            {
                error = $"realm must be at most {UserReference.MaxRealmLength} characters without control characters.";
                return false;
            }

            result = result with { Realm = config.AppForRealm(realm)?.Realm ?? realm };
        }

        if (Value(query, User) is { } user)
        {
            var nameCase = result.Realm is { } named ? config.AppForRealm(named)?.UserNameCase ?? UserNameCase.Insensitive : UserNameCase.Insensitive;
            if (UserName.Normalize(user, nameCase) is not { } normalized)
            {
                error = $"user must be 1 to {UserName.MaxLength} characters without control characters.";
                return false;
            }

            result = result with { User = normalized };
        }

        if (!TryParseTypes(Value(query, Type), out var types, out error)
            || !TryParseTime(query, From, out var from, out error)
            || !TryParseTime(query, To, out var to, out error)
            || !TryParseNumber(query, Page, 1, int.MaxValue, 1, out var page, out error)
            || !TryParseNumber(query, PageSize, 1, MaxPageSize, DefaultPageSize, out var pageSize, out error))
        {
            return false;
        }

        if (from is not null && to is not null && from >= to)
        {
            error = "from must be earlier than to.";
            return false;
        }

        parsed = result with { Types = types, From = from, To = to, Page = page, PageSize = pageSize };
        error = null;
        return true;
    }

    private static bool TryParseTypes(string? value, out IReadOnlyList<string>? types, [NotNullWhen(false)] out string? error)
    {
        types = null;
        error = null;
        if (value is null)
        {
            return true;
        }

        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count is 0 or > MaxTypes)
        {
            error = $"type must list 1 to {MaxTypes} event types separated by commas, such as challenge.failed,admin.unlock.";
            return false;
        }

        if (names.FirstOrDefault(name => name.Length > MaxTypeLength || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_')) is { } bad)
        {
            error = $"'{Truncate(bad)}' is not an event type: they are lower-case words joined by '.' and '_', such as admin.unlock.";
            return false;
        }

        types = names;
        return true;
    }

    private static bool TryParseTime(IQueryCollection query, string name, out DateTimeOffset? time, [NotNullWhen(false)] out string? error)
    {
        time = null;
        error = null;
        if (Value(query, name) is not { } value)
        {
            return true;
        }

        if (!DateTimeOffset.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            error = $"{name} must be an ISO 8601 time such as 2025-01-31T14:00:00Z or a date such as 2025-01-31.";
            return false;
        }

        time = parsed;
        return true;
    }

    private static bool TryParseNumber(IQueryCollection query, string name, int min, int max, int fallback, out int number, [NotNullWhen(false)] out string? error)
    {
        number = fallback;
        error = null;
        if (Value(query, name) is not { } value)
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < min || number > max)
        {
            error = $"{name} must be a whole number from {min} to {max}.";
            return false;
        }

        return true;
    }

    /// <summary>The parameter's value; an empty one counts as not given, as in "?user=&amp;type=admin.unlock".</summary>
    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    /// <summary>Parameter names are the client's own text: echo a bounded piece of them.</summary>
    private static string Truncate(string text) => text.Length <= MaxTypeLength ? text : text[..MaxTypeLength] + "...";
}
