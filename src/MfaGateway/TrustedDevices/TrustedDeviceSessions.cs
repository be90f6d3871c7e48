using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Decisions;
using MfaGateway.Networking;

namespace MfaGateway.TrustedDevices;

/// <summary>
/// The remembered-device side of the access decision: finds the device a request comes from, and
/// records in the audit log when one opened a session instead of a challenge. Whether a device may
/// stand in for a challenge (policy, freshness) is the decision's, in <see cref="AccessDecider"/>.
/// </summary>
public sealed class TrustedDeviceSessions(TrustedDeviceService devices, AuditLog audit)
{
    public async Task<DeviceFinding> FindAsync(HttpContext context, ProtectedApp app, string user, CancellationToken cancellationToken) =>
        await devices.RecogniseAsync(context, app, user, cancellationToken) is { } match
            ? new DeviceFinding(new RememberedDevice(match.Device.Id, match.Factor, match.Device.TrustedAt) { Browser = match.Device.Browser })
            : DeviceFinding.None;

    public Task RecordOpenedAsync(HttpContext context, ProtectedApp app, string user, RememberedDevice device) =>
        audit.RecordAsync(context.Origin(), app.Realm, user, AuditEventTypes.ChallengeSkipped, AuditOutcomes.Success, ("reason", "remembered device"), ("device", device.Browser));
}
