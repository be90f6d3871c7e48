using System.Text.Json.Nodes;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MfaGateway.Administration;

/// <summary>
/// The admin API's OpenAPI 3.1 document, generated from the endpoints themselves so it cannot drift
/// from them. It holds only the admin endpoints. Guarded like the API (404 while it is off or outside
/// Gateway:Admin:Networks, a key needed) unless Gateway:Admin:PublicOpenApi: a map of the API helps an
/// attacker probe it, so publishing it is the operator's choice.
/// </summary>
public static class AdminOpenApi
{
    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "api_key";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(AdminApiEndpoints.DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.GroupName == AdminApiEndpoints.DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<NumberSchemaTransformer>();
            options.AddDocumentTransformer<SnakeCaseDocumentTransformer>();
        });

    public static void MapAdminOpenApi(this IEndpointRouteBuilder app, GatewayPaths paths) =>
        app.MapGet(AdminPaths.OpenApiDocument(paths), WriteDocumentAsync)
            .WithOrder(GatewayEndpoints.Order)
            .ExcludeFromDescription();

    /// <summary>The audit listing's query values are read as text and checked by <see cref="AuditQueryParser"/>; here they get their real types.</summary>
    public static Task DescribeAuditParametersAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            (parameter.Description, parameter.Schema) = parameter.Name switch
            {
                AuditQueryParser.Realm => ("Only events of this realm.", parameter.Schema),
                AuditQueryParser.User => ("Only events of this user (compared ignoring case).", parameter.Schema),
                AuditQueryParser.Type => ("Only events of these types, separated by commas: admin.unlock,challenge.failed.", parameter.Schema),
                AuditQueryParser.From => ("Only events at or after this time (ISO 8601; UTC unless an offset is given).", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }),
                AuditQueryParser.To => ("Only events before this time (ISO 8601; UTC unless an offset is given).", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }),
                AuditQueryParser.Page => ("The page, from 1.", Integer(1, int.MaxValue, 1)),
                AuditQueryParser.PageSize => ($"Events per page, 1 to {AuditQueryParser.MaxPageSize}.", Integer(1, AuditQueryParser.MaxPageSize, AuditQueryParser.DefaultPageSize)),
                _ => (parameter.Description, parameter.Schema),
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The optional {"reason"} body.</summary>
    public static readonly Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> DescribeOptionalReasonAsync =
        OpenApiJsonBody.Of<AdminActionRequest>(required: false, $"Optional. Send no body, or application/json with an optional reason of at most {AdminRequestBody.MaxReasonLength} characters.");

    public static readonly Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> DescribeInvitationRequestAsync =
        OpenApiJsonBody.Of<InvitationRequest>(required: true, "application/json: the address to invite (required), and optionally the app, the lifetime and a reason.");

    private static OpenApiSchema Integer(int minimum, int maximum, int byDefault) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = JsonValue.Create(byDefault),
    };

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MFA Gateway admin API",
            Version = "1",
            Description = "Look up and help users of the MFA gateway: status, require MFA, reset factors, revoke remembered devices, " +
                "unlock, report a password change, and read the audit log. Every call needs an admin key from Gateway:Admin:ApiKeys " +
                "(`MfaGateway admin-key` makes one) and is audited with the key's name. Errors are JSON: {\"error\": \"...\", \"error_description\": \"...\"}.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An admin key: Authorization: Bearer <key>.",
            },
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AdminKeyAuthenticator.ApiKeyHeader,
                Description = "The same admin key in a header of its own.",
            },
        };

        // Either scheme is enough: two requirements, not one requirement naming both.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
        ];
    }

    private static async Task WriteDocumentAsync(HttpContext context, GatewayConfigMonitor config, [FromKeyedServices(AdminApiEndpoints.DocumentName)] CachedOpenApiDocument document, Audit.AuditLog audit)
    {
        var admin = config.Current.Admin;
        if (admin.ApiKeys.Count == 0)
        {
            await AdminKeyFilter.WriteDisabledAsync(context);
            return;
        }

        var keyNeeded = !admin.PublicOpenApi || !admin.Admits(context.ClientAddress());
        if (keyNeeded && await AdminKeyFilter.AuthenticateAsync(context, admin, audit) is null)
        {
            return;
        }

        await CachedOpenApiDocument.WriteAsync(context, document);
    }
}
