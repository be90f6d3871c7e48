using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Administration;

/// <summary>
/// Guards every admin API endpoint, before the request's body or parameters are looked at: 404 while
/// no admin key is configured (the API is off) or to a client outside Gateway:Admin:Networks (it does
/// not exist for them; audited as admin.denied), 401 without a valid key (audited as admin.denied,
/// without any key material). A valid key makes the request's <see cref="AdminActor"/>.
/// </summary>
public sealed class AdminKeyFilter(GatewayConfigMonitor config, AuditLog audit) : IEndpointFilter
{
    private const int MaxAuditedPathLength = 256;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await AuthenticateAsync(http, config.Current.Admin, audit) is not { } key)
        {
            return Results.Empty;
        }

        http.Features.Set(new AdminActor(key.Name, http.ClientAddress()?.ToString(), http.Request.Headers.UserAgent.ToString()));
        return await next(context);
    }

    /// <summary>The key the request presents, or null once the refusal (404 or 401) has been written.</summary>
    public static async Task<AdminKey?> AuthenticateAsync(HttpContext http, AdminSettings admin, AuditLog audit)
    {
        if (admin.ApiKeys.Count == 0)
        {
            await WriteDisabledAsync(http);
            return null;
        }

        var outside = !admin.Admits(http.ClientAddress());
        var key = outside ? null : AdminKeyAuthenticator.Authenticate(http.Request, admin.ApiKeys);
        if (key is not null)
        {
            return key;
        }

        var path = http.Request.Path.Value ?? string.Empty;
        await audit.RecordAsync(http.Origin(), string.Empty, null, AuditEventTypes.AdminDenied, AuditOutcomes.Denied,
            ("method", http.Request.Method), ("path", path[..Math.Min(path.Length, MaxAuditedPathLength)]), ("reason", outside ? "network" : "key"));
        if (outside)
        {
            await GatewayErrors.WriteJsonAsync(http, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found.");
            return null;
        }

        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await GatewayErrors.WriteJsonAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey,
            $"Send a configured admin API key as \"Authorization: Bearer <key>\" or \"{AdminKeyAuthenticator.ApiKeyHeader}: <key>\".");
        return null;
    }

    public static Task WriteDisabledAsync(HttpContext context) =>
        GatewayErrors.WriteJsonAsync(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The admin API is off: no Gateway:Admin:ApiKeys are configured.");
}
