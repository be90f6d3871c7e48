namespace MfaGateway.Challenges;

/// <summary>
/// Where a user may be sent back to after MFA: only a path on this site. Refuses "https://evil",
/// "//evil" and "/\evil" (both read by browsers as another host), "https:evil", and any control
/// character or whitespace, which browsers strip ("/\t/evil" becomes "//evil").
/// </summary>
public static class ReturnUrl
{
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The path and query of the current request when they are a safe return address, else "/".</summary>
    public static string FromRequest(HttpRequest request)
    {
        var url = $"{request.PathBase}{request.Path}{request.QueryString}";
        return IsLocal(url) ? url : "/";
    }
}
