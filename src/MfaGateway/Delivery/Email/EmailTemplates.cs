using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MfaGateway.Delivery.Email;

/// <summary>One message's three parts as the operator wrote them (or the defaults), placeholders still in.</summary>
public sealed record EmailTemplate(string Subject, string Text, string Html);

/// <summary>
/// The e-mails the gateway sends, each a subject, a text part and an HTML part with {{name}}
/// placeholders. Defaults are built in; a file in Gateway:Email:TemplatesPath named
/// "{template}.subject.txt", "{template}.txt" or "{template}.html" replaces that part. Templates are
/// checked when the config loads: an unknown placeholder, or a code message without its code, is a
/// config error listed with the others. Values are HTML-encoded in the HTML part.
/// </summary>
public sealed partial class EmailTemplates
{
    public const string SignInCode = "sign-in-code";
    public const string ConfirmCode = "confirm-code";

    /// <summary>A sign-in code with a link that signs in in its place (a policy's EmailLink).</summary>
    public const string SignInLink = "sign-in-link";

    /// <summary>Something changed on the account: one template for every kind, whose sentences the gateway writes.</summary>
    public const string Notification = "notification";

    /// <summary>An administrator's invitation to set up two-step verification: its link is the only way to enrol under FirstEnrolment=Invitation.</summary>
    public const string Invitation = "invitation";

    /// <summary>Each template's placeholders; those in <see cref="Required"/> must appear in the text and HTML parts.</summary>
    private static readonly FrozenDictionary<string, string[]> Placeholders = new Dictionary<string, string[]>
    {
        [SignInCode] = ["code", "app", "minutes"],
        [ConfirmCode] = ["code", "app", "minutes"],
        [SignInLink] = ["code", "link", "app", "minutes"],
        [Notification] = ["headline", "details", "advice", "app", "when"],
        [Invitation] = ["link", "app", "user", "expires"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        [SignInCode] = ["code"],
        [ConfirmCode] = ["code"],
        [SignInLink] = ["code", "link"],
        [Notification] = ["headline"],
        [Invitation] = ["link"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, EmailTemplate> Defaults = new Dictionary<string, EmailTemplate>
    {
        [SignInCode] = new(
            "{{code}} is your {{app}} sign-in code",
            "Your {{app}} sign-in code is:\n\n    {{code}}\n\nIt works once, for {{minutes}} minutes. Never share it: {{app}} will never ask you for it by phone or e-mail.\n\nIf you did not just try to sign in, someone may know your password. Change it, and tell your administrator.\n",
            "<p>Your {{app}} sign-in code is:</p><p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{{code}}</p><p>It works once, for {{minutes}} minutes. Never share it: {{app}} will never ask you for it by phone or e-mail.</p><p>If you did not just try to sign in, someone may know your password. Change it, and tell your administrator.</p>"),
        [ConfirmCode] = new(
            "{{code}} confirms this address for {{app}}",
            "Enter this code to confirm that this address is yours and receive your {{app}} sign-in codes here:\n\n    {{code}}\n\nIt works once, for {{minutes}} minutes. If you did not ask for this, ignore this message: nothing changes.\n",
            "<p>Enter this code to confirm that this address is yours and receive your {{app}} sign-in codes here:</p><p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{{code}}</p><p>It works once, for {{minutes}} minutes. If you did not ask for this, ignore this message: nothing changes.</p>"),
        [SignInLink] = new(
            "{{code}} is your {{app}} sign-in code",
            "Your {{app}} sign-in code is:\n\n    {{code}}\n\nOr continue with this link, in the browser where you are signing in:\n\n    {{link}}\n\nThe code and the link work once, for {{minutes}} minutes. Never share them: {{app}} will never ask you for them by phone or e-mail.\n\nIf you did not just try to sign in, someone may know your password. Change it, and tell your administrator.\n",
            "<p>Your {{app}} sign-in code is:</p><p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{{code}}</p><p>Or <a href=\"{{link}}\">continue signing in</a> in the browser where you are signing in.</p><p>The code and the link work once, for {{minutes}} minutes. Never share them: {{app}} will never ask you for them by phone or e-mail.</p><p>If you did not just try to sign in, someone may know your password. Change it, and tell your administrator.</p>"),
        [Notification] = new(
            "{{app}}: {{headline}}",
            "{{headline}}\n\n{{details}}\nWhen: {{when}}\n\n{{advice}}\n",
            "<p><strong>{{headline}}</strong></p><p>{{details}}</p><p>When: {{when}}</p><p>{{advice}}</p>"),
        [Invitation] = new(
            "Set up two-step verification for {{app}}",
            "Your administrator invites you to protect your {{app}} account ({{user}}) with two-step verification.\n\nOpen this link in the browser you use for {{app}}, then sign in as usual:\n\n    {{link}}\n\nThe link works once, until {{expires}}. Do not forward it: whoever opens it first can use it with your password.\nIf you did not expect this, ignore this message and tell your administrator.\n",
            "<p>Your administrator invites you to protect your {{app}} account ({{user}}) with two-step verification.</p><p>Open this link in the browser you use for {{app}}, then sign in as usual:</p><p><a href=\"{{link}}\">Set up two-step verification</a></p><p>The link works once, until {{expires}}. Do not forward it: whoever opens it first can use it with your password.</p><p>If you did not expect this, ignore this message and tell your administrator.</p>"),
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, EmailTemplate> _templates;

    private EmailTemplates(FrozenDictionary<string, EmailTemplate> templates) => _templates = templates;

    public static EmailTemplates BuiltIn { get; } = new(Defaults);

    public static IReadOnlyCollection<string> Names => Defaults.Keys;

    /// <summary>The defaults with the folder's files laid over them, or the problems found, each with the file it is in.</summary>
    public static EmailTemplates Load(string? folder, ICollection<(string File, string Problem)> problems)
    {
        var templates = new Dictionary<string, EmailTemplate>(Defaults);
        if (folder is not null)
        {
            if (!Directory.Exists(folder))
            {
                problems.Add((folder, "the folder does not exist"));
                return BuiltIn;
            }

            foreach (var name in Defaults.Keys)
            {
                var current = templates[name];
                templates[name] = new EmailTemplate(
                    Read(folder, $"{name}.subject.txt", current.Subject, problems),
                    Read(folder, $"{name}.txt", current.Text, problems),
                    Read(folder, $"{name}.html", current.Html, problems));
            }
        }

        foreach (var (name, template) in templates)
        {
            Check(name, template, folder, problems);
        }

        return new EmailTemplates(templates.ToFrozenDictionary());
    }

    /// <summary>The message for <paramref name="to"/>, values filled in (encoded for HTML in the HTML part).</summary>
    public EmailMessage Render(string name, string to, IReadOnlyDictionary<string, string> values)
    {
        var template = _templates[name];

        // A subject is one line: a value with a line break must not start new headers or parts.
        var subject = Fill(template.Subject, values, encode: false).ReplaceLineEndings(" ");
        return new EmailMessage(to, subject, Fill(template.Text, values, encode: false), Fill(template.Html, values, encode: true));
    }

    private static string Read(string folder, string file, string fallback, ICollection<(string File, string Problem)> problems)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return fallback;
        }

        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add((path, $"cannot be read: {ex.Message}"));
            return fallback;
        }
    }

    private static void Check(string name, EmailTemplate template, string? folder, ICollection<(string File, string Problem)> problems)
    {
        var allowed = Placeholders[name];
        foreach (var (part, text) in new[] { ("subject.txt", template.Subject), ("txt", template.Text), ("html", template.Html) })
        {
            var where = folder is null ? $"{name}.{part}" : Path.Combine(folder, $"{name}.{part}");
            var found = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var unknown in found.Where(f => !allowed.Contains(f)))
            {
                problems.Add((where, $"unknown placeholder {{{{{unknown}}}}} (this template has {string.Join(", ", allowed.Select(a => $"{{{{{a}}}}}"))})"));
            }

            if (part != "subject.txt")
            {
                foreach (var required in Required[name].Where(r => !found.Contains(r)))
                {
                    problems.Add((where, $"must contain {{{{{required}}}}}"));
                }
            }
        }
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? encode ? WebUtility.HtmlEncode(value) : value
            : string.Empty);

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
