using MfaGateway.Web;

namespace MfaGateway.SelfService;

/// <summary>The security page's addresses, under the configured prefix.</summary>
public sealed class SecurityLinks(GatewayPaths paths)
{
    public string Page => paths.Security;

    public string Api => paths.ApiSecurity;

    /// <summary>The page for one app, optionally with a notice of what was just done.</summary>
    public string PageFor(string app, string? done = null) =>
        $"{paths.Security}?app={Uri.EscapeDataString(app)}{(done is null ? string.Empty : "&done=" + Uri.EscapeDataString(done))}";

    /// <summary>"/.mfa/verify?returnUrl=/.mfa/security&amp;app=bank": a fresh challenge that comes back to the page.</summary>
    public string VerifyFor(string app) => paths.VerifyThenReturnTo(paths.Security, app);
}
