namespace MfaGateway.Web;

/// <summary>
/// Every cookie the gateway sets is named "mfa-..." (challenge, antiforgery, device id, remembered
/// device) or "{Gateway:Session:CookieName}-{app}" (sessions), optionally "__Host-" prefixed. None of
/// them is the app's business: a remembered-device cookie is a bearer token that skips MFA for days.
/// </summary>
public static class GatewayCookieNames
{
    public const string Prefix = "mfa-";

    private static readonly string[] SecurePrefixes = ["__Host-", "__Secure-"];

    public static bool IsGatewayCookie(ReadOnlySpan<char> name, string sessionCookieName)
    {
        name = CookieName.Trim(name);
        foreach (var secure in SecurePrefixes)
        {
            if (name.StartsWith(secure, StringComparison.OrdinalIgnoreCase))
            {
                name = name[secure.Length..];
                break;
            }
        }

        return CookieName.StartsWith(name, Prefix)
            || (CookieName.StartsWith(name, sessionCookieName) && name.Length > sessionCookieName.Length && name[sessionCookieName.Length] == '-');
    }

    /// <summary>Any name in the pair (including ones after a ',' that some stacks split on).</summary>
    public static bool IsGatewayCookie(CookiePair pair, string sessionCookieName)
    {
        if (IsGatewayCookie(pair.Name, sessionCookieName))
        {
            return true;
        }

        var rest = pair.Text;
        while (rest.IndexOf(',') is var comma and >= 0)
        {
            rest = rest[(comma + 1)..];
            var equals = rest.IndexOf('=');
            if (IsGatewayCookie(equals < 0 ? rest : rest[..equals], sessionCookieName))
            {
                return true;
            }
        }

        return false;
    }
}
