using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaGateway.Administration;

/// <summary>
/// The admin API's OpenAPI document as JSON, generated on first use and then kept: it depends only on
/// the endpoints, which are fixed at start-up, and generating it for every request would let anyone
/// who can reach the gateway make it spend CPU at will.
/// </summary>
public sealed class AdminOpenApiDocument([FromKeyedServices(AdminApiEndpoints.DocumentName)] IOpenApiDocumentProvider provider)
{
    private Task<string>? _json;

    /// <remarks>Two first callers may both generate it; they get the same text, and no lock is held while generating.</remarks>
    public Task<string> GetJsonAsync() => _json ??= GenerateAsync();

    private async Task<string> GenerateAsync()
    {
        // Not the request's cancellation token: the result is shared with every later request.
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }
}
