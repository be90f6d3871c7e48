using System.Text;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Hosting;

/// <summary>
/// Whether a request body's declared charset is one the framework's form and JSON readers can decode.
/// They throw (not answer 4xx) on "charset=utf-7", which .NET disables, and on names it does not know.
/// </summary>
public static class RequestCharset
{
    /// <summary>UTF-7, refused even where a runtime switch re-enables it: it lets "+ADw-" smuggle a "&lt;" past filters.</summary>
    private const int Utf7CodePage = 65000;

    public static bool IsReadable(HttpRequest request)
    {
        if (request.ContentType is not { } contentType || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return true; // no charset to decode with: the readers assume UTF-8
        }

        try
        {
            return Encoding.GetEncoding(mediaType.Charset.Value!.Trim('"')).CodePage != Utf7CodePage;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
