using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaGateway.Administration;

/// <summary>
/// Gives the admin document's schemas the snake_case names the admin API writes. Schemas are generated
/// with the host's global JSON options (camelCase); changing those would change every other endpoint's
/// JSON. Done once the document is complete: renaming while schemas are generated would hide the renamed
/// properties from the generator's own walk through them.
/// </summary>
public sealed class SnakeCaseDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Rename(schema, seen);
        }

        return Task.CompletedTask;
    }

    private static void Rename(IOpenApiSchema candidate, HashSet<OpenApiSchema> seen)
    {
        // References point at component schemas, which are renamed where they are defined.
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        if (schema.Properties is { Count: > 0 } properties)
        {
            schema.Properties = properties.ToDictionary(p => Snake(p.Key), p => p.Value, StringComparer.Ordinal);
            foreach (var property in properties.Values)
            {
                Rename(property, seen);
            }
        }

        if (schema.Required is { Count: > 0 } required)
        {
            schema.Required = required.Select(Snake).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var nested in new[] { schema.Items, schema.AdditionalProperties }.OfType<IOpenApiSchema>()
            .Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
        {
            Rename(nested, seen);
        }
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
