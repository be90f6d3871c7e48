namespace MfaGateway.Networking;

public static class RequestOriginExtensions
{
    /// <summary>
    /// The request's origin, built on first use and kept for the rest of the request. Built lazily
    /// rather than by <see cref="ClientAddressMiddleware"/> so that a request nothing asks about (a
    /// bypassed route) does not pay for parsing its cookies; that middleware drops a copy built before
    /// it resolved the client, so the kept one always has the resolved address.
    /// </summary>
    public static RequestOrigin Origin(this HttpContext context)
    {
        if (context.Features.Get<RequestOrigin>() is { } origin)
        {
            return origin;
        }

        var request = context.Request;
        var userAgent = request.Headers.UserAgent.ToString();
        origin = new RequestOrigin(
            context.ClientAddress(),
            userAgent.Length == 0 ? null : userAgent,
            request.Cookies[DeviceCookie.Name(request.IsHttps)]);
        context.Features.Set(origin);
        return origin;
    }
}
