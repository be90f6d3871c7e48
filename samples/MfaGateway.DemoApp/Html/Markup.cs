namespace MfaGateway.DemoApp.Html;

/// <summary>
/// HTML that is safe to write into a page. The only way to make one is <see cref="Of"/>, whose
/// interpolated values are HTML-encoded, so a page can't forget to encode user data.
/// </summary>
internal sealed class Markup
{
    private Markup(string html) => Html = html;

    public static Markup Empty { get; } = new(string.Empty);

    public string Html { get; }

    public static Markup Of(MarkupBuilder builder) => new(builder.Build());

    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(part => part.Html)));

    public override string ToString() => Html;
}
