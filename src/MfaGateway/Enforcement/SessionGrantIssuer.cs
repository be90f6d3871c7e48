using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Decisions;
using MfaGateway.Sessions;
using MfaGateway.TrustedDevices;

namespace MfaGateway.Enforcement;

/// <summary>Carries out <see cref="AccessDecision.ForwardAndIssueSession"/> for the proxied path and the login response alike.</summary>
public sealed class SessionGrantIssuer(GatewaySessionCookies sessionCookies, TrustedDeviceSessions trustedDevices)
{
    /// <returns>The issued session, ready to be vouched for on this request.</returns>
    public async Task<VouchedSession> IssueAsync(HttpContext context, GatewayConfig config, ProtectedApp app, AccessDecision.ForwardAndIssueSession issue, AccessRequest decided)
    {
        sessionCookies.Write(context, app, config.Session, issue.Session);
        if (issue.Grant == SessionGrant.TrustedDevice && decided.Device?.Device is { } device)
        {
            await trustedDevices.RecordOpenedAsync(context, app, issue.Session.User, device);
        }

        return new VouchedSession(issue.Session);
    }
}
