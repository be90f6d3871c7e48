using MfaGateway.Web;

namespace MfaGateway.Configuration;

public sealed class SessionOptions
{
    /// <summary>Base name of the gateway session cookie; over HTTPS it gets the "__Host-" prefix.</summary>
    public string CookieName { get; set; } = "mfa-session";

    /// <summary>Absolute lifetime of a gateway session after MFA.</summary>
    public string Lifetime { get; set; } = "12h";

    /// <summary>Request header an API client may use instead of the cookie.</summary>
    public string Header { get; set; } = "X-Mfa-Session";
}
