using System.Net;
using System.Text.RegularExpressions;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>Just enough HTML reading for tests: inputs of forms, and an element's text by id.</summary>
public static partial class HtmlPage
{
    /// <summary>
    /// The hidden inputs of one form, as a browser would submit them: the form posting to
    /// <paramref name="action"/>, else the first form without an action (it posts to its own page).
    /// </summary>
    public static List<KeyValuePair<string, string>> HiddenFields(string html, string? action = null) =>
        [.. Inputs(Form(html, action)).Where(i => i.Type == "hidden").Select(i => new KeyValuePair<string, string>(i.Name, i.Value))];

    private static string Form(string html, string? action)
    {
        var forms = FormElement().Matches(html).Select(m => m.Value).ToList();
        return forms.FirstOrDefault(f => action is not null && Attribute(FormTag().Match(f).Value, "action") == action)
            ?? forms.FirstOrDefault(f => Attribute(FormTag().Match(f).Value, "action") is null)
            ?? (forms.Count > 0 ? forms[0] : html);
    }

    public static string? FormAction(string html)
    {
        var match = FormTag().Match(html);
        return match.Success ? Attribute(match.Value, "action") : null;
    }

    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"<[a-z]+[^>]*id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    private static IEnumerable<(string Type, string Name, string Value)> Inputs(string html)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null)
            {
                yield return ((Attribute(input.Value, "type") ?? "text").ToLowerInvariant(), name, Attribute(input.Value, "value") ?? string.Empty);
            }
        }
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();
}
