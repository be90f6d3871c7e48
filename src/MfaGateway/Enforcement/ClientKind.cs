using MfaGateway.Apps;
using MfaGateway.Policies;

namespace MfaGateway.Enforcement;

/// <summary>Whether a request comes from a browser page (redirects, HTML) or an API client (JSON, 401).</summary>
public static class ClientKind
{
    public static bool IsApi(HttpRequest request, ProtectedApp? app)
    {
        if (app?.IsApiPath(CanonicalPath.Of(request)) == true)
        {
            return true;
        }

        if (request.Headers.XRequestedWith == "XMLHttpRequest")
        {
            return true;
        }

        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0)
        {
            // Browsers always send Accept on navigation; a client sending none is a program.
            return !HttpMethods.IsGet(request.Method) && !request.HasFormContentType;
        }

        var wantsHtml = accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        var wantsJson = accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || accept.Contains("+json", StringComparison.OrdinalIgnoreCase);
        return wantsJson && !wantsHtml || !wantsHtml && !request.HasFormContentType && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
    }

}
