using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Administration;

/// <summary>
/// Guards every admin API endpoint, before the request's body or parameters are looked at: 404 while
/// no admin key is configured (the API is off), 401 without a valid key (audited as admin.denied,
/// without any key material). A valid key makes the request's <see cref="AdminActor"/>.
/// </summary>
public sealed class AdminKeyFilter(GatewayConfigMonitor config, AuditLog audit) : IEndpointFilter
{
    private const int MaxAuditedPathLength = 256;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keys = config.Current.Admin.ApiKeys;
        if (keys.Count == 0)
        {
            await WriteDisabledAsync(http);
            return Results.Empty;
        }

        if (AdminKeyAuthenticator.Authenticate(http.Request, keys) is not { } key)
        {
            var path = http.Request.Path.Value ?? string.Empty;
            await audit.RecordAsync(http, string.Empty, null, AuditEventTypes.AdminDenied, AuditOutcomes.Denied,
                ("method", http.Request.Method), ("path", path[..Math.Min(path.Length, MaxAuditedPathLength)]));
            http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            await GatewayErrors.WriteJsonAsync(http, StatusCodes.Status401Unauthorized, "invalid_api_key",
                $"Send a configured admin API key as \"Authorization: Bearer <key>\" or \"{AdminKeyAuthenticator.ApiKeyHeader}: <key>\".");
            return Results.Empty;
        }

        http.Features.Set(new AdminActor(key.Name, http.ClientAddress()?.ToString(), http.Request.Headers.UserAgent.ToString()));
        return await next(context);
    }

    public static Task WriteDisabledAsync(HttpContext context) =>
        GatewayErrors.WriteJsonAsync(context, StatusCodes.Status404NotFound, "not_found", "The admin API is off: no Gateway:Admin:ApiKeys are configured.");
}
