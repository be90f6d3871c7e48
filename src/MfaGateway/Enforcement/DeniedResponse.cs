using System.Text.Encodings.Web;
using MfaGateway.Hosting;

namespace MfaGateway.Enforcement;

/// <summary>403 for Deny policies and for routes no app can identify users on.</summary>
public static class DeniedResponse
{
    public static Task WriteAsync(HttpContext context, GatewayPaths paths, bool isApi, string description)
    {
        if (isApi)
        {
            return GatewayErrors.WriteJsonAsync(context, StatusCodes.Status403Forbidden, "access_denied", description);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        SecurityHeaders.Apply(context.Response);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Access denied</title><link rel="stylesheet" href="{paths.Assets}/gateway.css"></head>
            <body><main class="card"><h1>Access denied</h1><p>{HtmlEncoder.Default.Encode(description)}</p>
            <p>If you think you should have access, contact your administrator.</p></main></body>
            </html>
            """;
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
