namespace MfaGateway.Enforcement;

public static class GatewayErrors
{
    public static Task WriteJsonAsync(HttpContext context, int status, string error, string description, int? attemptsLeft = null)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(
            new GatewayError(error, description, attemptsLeft),
            EnforcementJsonContext.Default.GatewayError,
            cancellationToken: context.RequestAborted);
    }
}
