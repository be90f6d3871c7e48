using System.Globalization;
using System.Text;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// Hostile values for the gateway fuzz run, from one seeded generator so a failure repeats exactly.
/// Mixes the shapes that broke gateways before: non-ASCII and invalid UTF-8 escapes, NUL and other
/// control characters, path tricks, huge and empty values, wrong JSON types and deep nesting.
/// </summary>
public sealed class GatewayFuzzInputs(int seed)
{
    private static readonly string[] Fragments =
    [
        string.Empty, "0", "-1", "999999999999999999999", "123456", "true", "null", "[]", "{}", "/", "//evil.example", "/\\evil",
        "https://evil.example/", "javascript:alert(1)", "/%C3%A9", "/caf%C3%A9?x=%E2%82%AC", "%00", "%FF%FE", "%C3", "%", "%%",
        "..", "/../..", ";", "a;b=c", "\"", "'", "<script>", "&", "=", "==", "+", " ", "%20", "%0d%0aSet-Cookie:%20x=y",
        "totp", "recovery", "sms", "bank", "BANK", "alice", "Alice", "bob", "ops", "AAAAAAAAAAAAAAAAAAAAAA", "__Host-x",
    ];

    private static readonly string[] RawCharacters = ["é", "€", "\u0000", "\u0001", "\t", "\n", "\r", "\u2028", "\uFEFF", "😀", "\uD800", "\\", "<", "%", "\u00A0"];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public bool Chance(int percent) => _random.Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Any text, including characters no header or URL may carry raw.</summary>
    public string Text()
    {
        switch (_random.Next(10))
        {
            case 0:
                return new string(Pick("aZ9%é\0-_/".ToCharArray()), Pick([1, 100, 1025, 2000, 9000]));
            case 1:
                return Pick(Fragments) + Pick(RawCharacters) + Pick(Fragments);
            case 2:
                return string.Concat(Enumerable.Range(0, _random.Next(1, 8)).Select(_ => Pick(RawCharacters)));
            default:
                return Pick(Fragments);
        }
    }

    /// <summary>Text safe to send raw in a header (HttpClient refuses the rest): printable ASCII, with the characters cookie parsers trip on.</summary>
    public string HeaderText()
    {
        var text = Text();
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c is >= ' ' and <= '~' ? c : '%');
        }

        return safe.ToString();
    }

    /// <summary>Text percent-encoded for a query string or a form, sometimes with raw escapes kept as they are.</summary>
    public string Encoded() => Chance(30) ? Pick(Fragments) : Uri.EscapeDataString(Text().Replace("\uD800", "x", StringComparison.Ordinal));

    /// <summary>A url-encoded form body: the names a handler reads, random names, repeats, and sometimes far too many fields.</summary>
    public string FormBody(IReadOnlyList<string> names, IReadOnlyList<KeyValuePair<string, string>> genuine)
    {
        var fields = new List<string>();
        foreach (var field in genuine.Where(_ => Chance(70)))
        {
            fields.Add($"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}");
        }

        var count = Chance(5) ? 1100 : _random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            var name = Chance(60) ? Pick(names) : Encoded();
            fields.Add(Chance(5) ? name : $"{name}={Encoded()}");
        }

        return Chance(5) ? Text() : string.Join(Chance(90) ? "&" : ";", fields);
    }

    /// <summary>A JSON body: an object with the expected names and random types, or something that is not one.</summary>
    public string JsonBody(IReadOnlyList<string> names)
    {
        switch (_random.Next(12))
        {
            case 0:
                return new string('[', 5000);
            case 1:
                return "{\"" + Pick(names) + "\":";
            case 2:
                return Pick(["[]", "null", "42", "\"text\"", "{}", string.Empty, "{\"a\":1,\"a\":2}", "\u0000"]);
            default:
                var members = names.Where(_ => Chance(70)).Select(name => $"\"{name}\":{JsonValue()}");
                return "{" + string.Join(",", members) + "}";
        }
    }

    private string JsonValue() => _random.Next(8) switch
    {
        0 => _random.Next().ToString(CultureInfo.InvariantCulture),
        1 => Pick(["true", "false", "null", "[]", "{}", "1e999", "-0", "[\"x\"]"]),
        _ => System.Text.Json.JsonSerializer.Serialize(Text().Replace("\uD800", "x", StringComparison.Ordinal)),
    };
}
