using MfaGateway.Apps;
using MfaGateway.Validation;
using MfaGateway.Web;

namespace MfaGateway.Configuration;

internal static class CredentialsCompiler
{
    public static AppCredentials Compile(AppOptions app, IdentitySourceKind source, string sessionCookieName, string where, ICollection<ConfigError> errors)
    {
        var options = app.Credentials;
        var tracked = source switch
        {
            IdentitySourceKind.FormLogin => app.Identity.FormLogin.SessionCookie,
            IdentitySourceKind.Jwt => app.Identity.Jwt.Cookie,
            _ => null,
        };
        var identityHeader = source switch
        {
            IdentitySourceKind.Jwt => "Authorization",
            IdentitySourceKind.TrustedHeader => app.Identity.TrustedHeader.Header,
            _ => null,
        };

        foreach (var name in new[] { tracked }.Concat(options.Cookies).Concat(options.NotCredentials).OfType<string>())
        {
            if (GatewayCookieNames.IsGatewayCookie(name.TrimEnd('*'), sessionCookieName))
            {
                errors.Add(where, $"cookie '{name}' has a name the gateway uses for its own cookies (mfa-..., {sessionCookieName}-...); the app cannot use it");
            }
        }

        var names = new List<string>();
        var prefixes = new List<string>();
        foreach (var entry in options.Cookies)
        {
            var name = entry.EndsWith('*') ? entry[..^1] : entry;
            if (!IsToken(name) || name.Contains('*', StringComparison.Ordinal))
            {
                errors.Add($"{where}:Credentials:Cookies", $"'{entry}' is not a cookie name (or a prefix ending in '*')");
            }
            else if (string.Equals(name, tracked, StringComparison.OrdinalIgnoreCase) && !entry.EndsWith('*'))
            {
                errors.Add($"{where}:Credentials:Cookies", $"'{entry}' is the cookie the gateway tracks for this app; list only the others");
            }
            else
            {
                (entry.EndsWith('*') ? prefixes : names).Add(name);
            }
        }

        foreach (var entry in options.NotCredentials.Where(n => !IsToken(n)))
        {
            errors.Add($"{where}:Credentials:NotCredentials", $"'{entry}' is not a cookie name");
        }

        var headers = options.Headers ?? (source == IdentitySourceKind.Jwt ? [] : ["Authorization"]);
        foreach (var header in headers)
        {
            if (!IsToken(header))
            {
                errors.Add($"{where}:Credentials:Headers", $"'{header}' is not a header name");
            }
            else if (identityHeader is not null && HeaderName.SameForStacks(header, identityHeader))
            {
                errors.Add($"{where}:Credentials:Headers", $"'{header}' carries the identity the gateway checks for this app; it cannot also be withheld");
            }
        }

        foreach (var header in app.StripHeaders.Where(h => !IsToken(h)))
        {
            errors.Add($"{where}:StripHeaders", $"'{header}' is not a header name");
        }

        return new AppCredentials(
            tracked,
            names,
            prefixes,
            [.. headers.Where(IsToken)],
            [.. app.StripHeaders.Where(IsToken)],
            options.LearnFromLogin && source == IdentitySourceKind.FormLogin,
            new HashSet<string>(options.NotCredentials, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>An RFC 9110 token: what a cookie or header name may be.</summary>
    private static bool IsToken(string value) =>
        value.Length is > 0 and <= 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
