using MfaGateway.Administration;
using MfaGateway.Web;
using Microsoft.OpenApi;

namespace MfaGateway.Api;

/// <summary>
/// The challenge API's OpenAPI 3.1 document, generated from its endpoints so it cannot drift from
/// them, at {prefix}/api/openapi.json. Public: every client of a protected app is told these URLs in
/// its 401 already, and the document holds no admin endpoint.
/// </summary>
public static class ChallengeApiOpenApi
{
    public const string DocumentName = "challenge";

    public static IServiceCollection AddChallengeApiOpenApi(this IServiceCollection services)
    {
        CachedOpenApiDocument.Register(services, DocumentName);
        return services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.GroupName == DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MFA Gateway challenge API",
                    Version = "1",
                    Description = "For clients of a protected app that cannot use the hosted pages. A request that needs MFA gets 401 " +
                        "{\"error\": \"mfa_required\", \"mfa_token\": ...} naming the factors it takes; answer it here with a TOTP or recovery " +
                        "code, or with a passkey or security key (get options, pass them to navigator.credentials, post the credential), " +
                        "then retry with the session it returns. JSON only. Errors are {\"error\": \"...\", \"error_description\": \"...\"} " +
                        "with the codes of the README's error table.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<NumberSchemaTransformer>();
            options.AddDocumentTransformer<SnakeCaseDocumentTransformer>();
        });
    }

    public static void MapChallengeApiOpenApi(this IEndpointRouteBuilder app, GatewayPaths paths) =>
        app.MapGet(paths.ApiOpenApiDocument, (HttpContext context, [FromKeyedServices(DocumentName)] CachedOpenApiDocument document) => CachedOpenApiDocument.WriteAsync(context, document))
            .WithOrder(GatewayEndpoints.Order)
            .ExcludeFromDescription();
}
