using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Policies;
using MfaGateway.Sessions;

namespace MfaGateway.TrustedDevices;

/// <summary>
/// Opens a session without a challenge when the request comes from a device the user asked to
/// remember, the policy allows remembered devices, and the MFA that trusted the device is recent
/// enough for the policy (so a step-up whose MaxAge has passed is never satisfied by a device).
/// </summary>
public sealed class TrustedDeviceSessions(TrustedDeviceService devices, GatewaySessionCookies sessionCookies, AuditLog audit, TimeProvider time)
{
    public async Task<VouchedSession?> TryOpenAsync(HttpContext context, GatewayConfig config, ProtectedApp app, string user, RoutePolicy policy, string binding, CancellationToken cancellationToken)
    {
        if (policy.TrustedDeviceLifetime is null || await devices.RecogniseAsync(context, app, user, cancellationToken) is not { } match)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = new GatewaySession(app.Name, user, [match.Factor], match.Device.TrustedAt, now, now + config.Session.Lifetime, binding)
        {
            DeviceId = match.Device.Id,
        };
        if (!policy.IsSatisfiedBy(session.Factors, session.MfaAt, now))
        {
            return null;
        }

        sessionCookies.Write(context, app, config.Session, session);
        await audit.RecordAsync(context.Origin(), app.Realm, user, Audit.AuditEventTypes.ChallengeSkipped, AuditOutcomes.Success, ("reason", "remembered device"), ("device", match.Device.Browser));
        return new VouchedSession(session);
    }
}
