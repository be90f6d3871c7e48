namespace MfaGateway.Web;

/// <summary>
/// Headers for every page the gateway renders itself: a strict Content-Security-Policy (no inline
/// script or style; the pages need none), no framing, no referrer to other sites, no caching of
/// pages that show secrets such as a QR code. "same-origin" rather than "no-referrer": under
/// no-referrer browsers send "Origin: null" with the pages' own form posts, and the gateway's
/// origin check (and the app's, for a re-submitted form) could no longer tell them from a forgery.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // A page whose own address holds a secret (an invitation link) sets a stricter one itself.
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = "same-origin";
        }

        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }
}
