using MfaGateway.Observability;
using MfaGateway.Security;
using MfaGateway.Web;

namespace MfaGateway.Enforcement;

/// <summary>
/// Refuses a state-changing request to the gateway's own endpoints that a browser says came from
/// another origin, before any of them reads a code or a cookie. Antiforgery tokens (pages) and the
/// JSON-only bodies (APIs) already stop forged requests; this is the second lock, and the one that
/// also covers an attacker holding a token of their own. A request naming no origin at all is let
/// through to those checks: programs send none, and every current browser sends Origin on a POST.
/// </summary>
public sealed partial class GatewayOriginCheck(RequestDelegate next, GatewayPaths paths, ILogger<GatewayOriginCheck> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || RequestSources.Classify(request) != RequestSource.OtherOrigin)
        {
            return next(context);
        }

        LogOtherOrigin(logger, request.Method, request.Path.ToUriComponent(), request.Headers.Origin.ToString());
        var isApi = request.Path.StartsWithSegments($"{paths.Prefix}/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments($"{paths.Prefix}/admin", StringComparison.OrdinalIgnoreCase);
        return GatewayErrorPage.WriteAsync(
            context,
            paths,
            isApi,
            StatusCodes.Status403Forbidden,
            ErrorCodes.CrossOriginRequest,
            "Request from another site refused",
            "This form was sent to the gateway from another website, so it was refused and nothing was changed. Open the page on this site and try again.");
    }

    [LoggerMessage(EventId = EventIds.OtherOriginRefused, Level = LogLevel.Warning, Message = "{Method} {Path} refused: sent from another origin ({Origin})")]
    private static partial void LogOtherOrigin(ILogger logger, string method, string path, string origin);
}
