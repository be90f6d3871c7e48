using MfaGateway.Enforcement;
using MfaGateway.Web;

namespace MfaGateway.Hosting;

/// <summary>
/// Answers 415 for a body in a charset the gateway's pages and APIs cannot decode, before model
/// binding or a JSON reader throws on it and the client gets a 500.
/// </summary>
public sealed class RequestCharsetCheck(RequestDelegate next, GatewayPaths paths)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (RequestCharset.IsReadable(context.Request))
        {
            return next(context);
        }

        var isApi = context.Request.Path.StartsWithSegments($"{paths.Prefix}/api", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments($"{paths.Prefix}/admin", StringComparison.OrdinalIgnoreCase);
        return GatewayErrorPage.WriteAsync(
            context,
            paths,
            isApi,
            StatusCodes.Status415UnsupportedMediaType,
            ErrorCodes.InvalidRequest,
            "Request not understood",
            "The request was sent in a character set the gateway cannot read, so nothing was done. Send it as UTF-8.");
    }
}
