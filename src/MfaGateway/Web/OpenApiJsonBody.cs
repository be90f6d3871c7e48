using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaGateway.Web;

/// <summary>
/// Declares an operation's JSON request body in its OpenAPI document. Declared by a transformer rather
/// than with Accepts(): request-type metadata would make routing itself pick endpoints by Content-Type,
/// and a request without a body or with the wrong type would fall through to the gateway's catch-all
/// 404 instead of getting the endpoint's own clear answer.
/// </summary>
public static class OpenApiJsonBody
{
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Of<T>(bool required, string description) =>
        async (operation, context, cancellationToken) =>
        {
            var schemaId = typeof(T).Name;
            var generated = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            IOpenApiSchema schema = generated;
            if (context.Document is { } document)
            {
                if (document.Components?.Schemas?.ContainsKey(schemaId) != true)
                {
                    document.AddComponent(schemaId, generated);
                }

                schema = new OpenApiSchemaReference(schemaId, document);
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = schema },
                },
            };
        };
}
