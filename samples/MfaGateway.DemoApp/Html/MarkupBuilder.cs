using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace MfaGateway.DemoApp.Html;

/// <summary>
/// Builds <see cref="Markup"/> from an interpolated string: literal text is trusted markup, every
/// interpolated string is HTML-encoded, and nested <see cref="Markup"/> is inserted as is. There is
/// deliberately no overload for decimals or dates, so money and times are formatted explicitly.
/// </summary>
[InterpolatedStringHandler]
internal readonly ref struct MarkupBuilder
{
    private readonly StringBuilder html;

    public MarkupBuilder(int literalLength, int formattedCount) =>
        html = new StringBuilder(literalLength + (formattedCount * 16));

    public void AppendLiteral(string literal) => html.Append(literal);

    public void AppendFormatted(string? text) => html.Append(HtmlEncoder.Default.Encode(text ?? string.Empty));

    public void AppendFormatted(int number) => html.Append(number.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(Markup? markup) => html.Append(markup?.Html);

    internal string Build() => html.ToString();
}
