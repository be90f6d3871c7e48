using System.Text;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.DemoApp.Hosting;

/// <summary>
/// Answers 415 for a body in a charset the framework's form reader cannot decode ("utf-7", unknown
/// names): antiforgery validation and form binding would otherwise throw and answer 500.
/// </summary>
internal static class RequestCharsetCheck
{
    /// <summary>UTF-7, refused even where a runtime switch re-enables it: it lets "+ADw-" smuggle a "&lt;" past filters.</summary>
    private const int Utf7CodePage = 65000;

    public static IApplicationBuilder UseReadableCharsetsOnly(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.Charset.HasValue && !IsReadable(mediaType.Charset.Value!.Trim('"')))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }

        return next(context);
    });

    private static bool IsReadable(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset).CodePage != Utf7CodePage;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
