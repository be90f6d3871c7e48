using MfaGateway.Validation;
using MfaGateway.Web;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Session": the gateway session cookie and header.</summary>
internal static class SessionCompiler
{
    public static SessionSettings? Compile(SessionOptions options, ICollection<ConfigError> errors)
    {
        var ok = true;
        if (!DurationParser.TryParse(options.Lifetime, out var lifetime))
        {
            errors.Add("Gateway:Session:Lifetime", $"'{options.Lifetime}' is not a positive duration");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(options.CookieName) || !options.CookieName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("Gateway:Session:CookieName", $"'{options.CookieName}' may use letters, digits, '-', '_' and '.' only");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(options.Header))
        {
            errors.Add("Gateway:Session:Header", "required");
            ok = false;
        }

        return ok ? new SessionSettings(options.CookieName, lifetime, options.Header) : null;
    }
}
