using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaGateway.Web;

/// <summary>
/// One OpenAPI document as JSON, generated on first use and then kept: it depends only on the
/// endpoints, which are fixed at start-up, and generating it for every request would let anyone who
/// can reach the gateway make it spend CPU at will. Registered keyed by the document's name.
/// </summary>
public sealed class CachedOpenApiDocument(IOpenApiDocumentProvider provider)
{
    private Task<string>? _json;

    /// <remarks>Two first callers may both generate it; they get the same text, and no lock is held while generating.</remarks>
    public Task<string> GetJsonAsync() => _json ??= GenerateAsync();

    public static void Register(IServiceCollection services, string documentName) =>
        services.AddKeyedSingleton(documentName, (provider, key) => new CachedOpenApiDocument(provider.GetRequiredKeyedService<IOpenApiDocumentProvider>(key)));

    public static async Task WriteAsync(HttpContext context, CachedOpenApiDocument document)
    {
        var json = await document.GetJsonAsync();
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    private async Task<string> GenerateAsync()
    {
        // Not the request's cancellation token: the result is shared with every later request.
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }
}
