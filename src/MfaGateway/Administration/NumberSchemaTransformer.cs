using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaGateway.Administration;

/// <summary>
/// Schemas are generated with the host's global JSON options, which also read numbers from strings;
/// the admin API's own serializer reads and writes numbers only as numbers, so its document says so.
/// </summary>
public sealed class NumberSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
