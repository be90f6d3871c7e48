using System.Text.Encodings.Web;
using MfaGateway.Web;

namespace MfaGateway.Enforcement;

/// <summary>
/// Errors the gateway answers itself, outside its Razor pages: a clear HTML page for browsers,
/// OAuth-style JSON for API clients.
/// </summary>
public static class GatewayErrorPage
{
    /// <param name="link">Where the page offers to go; the start page when none is given.</param>
    public static Task WriteAsync(HttpContext context, GatewayPaths paths, bool isApi, int status, string error, string title, string description, (string Text, string Url)? link = null)
    {
        if (isApi)
        {
            return GatewayErrors.WriteJsonAsync(context, status, error, description);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.Apply(context.Response);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{HtmlEncoder.Default.Encode(title)}</title><link rel="stylesheet" href="{paths.Assets}/gateway.css"></head>
            <body><main class="card"><h1>{HtmlEncoder.Default.Encode(title)}</h1><p>{HtmlEncoder.Default.Encode(description)}</p>
            <p><a class="button" href="{HtmlEncoder.Default.Encode(link?.Url ?? "/")}">{HtmlEncoder.Default.Encode(link?.Text ?? "Go to the start page")}</a></p></main></body>
            </html>
            """;
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    public static Task DenyAsync(HttpContext context, GatewayPaths paths, bool isApi, string description) =>
        WriteAsync(context, paths, isApi, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "Access denied", description + " If you think you should have access, contact your administrator.");
}
