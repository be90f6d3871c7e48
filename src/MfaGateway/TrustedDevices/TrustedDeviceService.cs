using System.Security.Cryptography;
using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Networking;
using MfaGateway.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.TrustedDevices;

/// <summary>A remembered device that may open a session without a challenge.</summary>
/// <param name="Factor">The factor used when the device was trusted: the session records it.</param>
public sealed record TrustedDeviceMatch(TrustedDeviceRecord Device, string Factor);

/// <summary>Remembers devices after an MFA, recognises them at the next sign-in, and revokes them.</summary>
public sealed class TrustedDeviceService(
    ITrustedDeviceStore store,
    TrustedDeviceCookie cookie,
    RevokedDevices revoked,
    AuditLog audit,
    TimeProvider time)
{
    /// <param name="knownDeviceId">The browser's known-device id: forgetting the device later forgets both.</param>
    public async Task TrustAsync(HttpContext context, ProtectedApp app, UserRecord user, string factor, TimeSpan lifetime, DateTimeOffset mfaAt, string? knownDeviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var device = new TrustedDeviceRecord(
            WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
            user.Id,
            BrowserSummary.From(context.Request.Headers.UserAgent.ToString()),
            now,
            now,
            context.ClientAddress()?.ToString(),
            mfaAt,
            now + lifetime,
            RevokedAt: null)
        {
            KnownDeviceId = knownDeviceId,
        };
        await store.AddAsync(device, cancellationToken);
        cookie.Write(context, app, new TrustedDeviceClaim(device.Id, user.Realm, user.UserName, factor, device.ExpiresAt));
        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.DeviceTrusted, AuditOutcomes.Success, ("device", device.Browser), ("days", ((int)lifetime.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The device this request comes from, when it is remembered for this user and still valid.</summary>
    public async Task<TrustedDeviceMatch?> RecogniseAsync(HttpContext context, ProtectedApp app, string user, CancellationToken cancellationToken)
    {
        var claim = cookie.Read(context, app);
        if (claim is null || claim.Realm != app.Realm || claim.User != user)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var device = await store.FindAsync(claim.DeviceId, cancellationToken);
        if (device is null || !device.IsValid(now))
        {
            return null;
        }

        await store.TouchAsync(device.Id, now, context.ClientAddress()?.ToString(), cancellationToken);
        return new TrustedDeviceMatch(device, claim.Factor);
    }

    public Task<IReadOnlyList<TrustedDeviceRecord>> ListAsync(UserRecord user, CancellationToken cancellationToken) =>
        store.ListActiveAsync(user.Id, time.GetUtcNow(), cancellationToken);

    public async Task<bool> RevokeAsync(HttpContext? context, UserRecord user, string deviceId, CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(user.Id, deviceId, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        revoked.Add([deviceId]);
        await audit.RecordAsync(context?.Origin(), user.Realm, user.UserName, AuditEventTypes.DeviceRevoked, AuditOutcomes.Success, ("devices", "1"));
        return true;
    }

    /// <summary>Revokes the devices remembered from one known device (the same browser); returns how many.</summary>
    public async Task<int> RevokeLinkedAsync(HttpContext? context, UserRecord user, string knownDeviceId, string reason, CancellationToken cancellationToken)
    {
        var ids = await store.RevokeLinkedAsync(user.Id, knownDeviceId, time.GetUtcNow(), cancellationToken);
        revoked.Add(ids);
        if (ids.Count > 0)
        {
            await audit.RecordAsync(context?.Origin(), user.Realm, user.UserName, AuditEventTypes.DeviceRevoked, AuditOutcomes.Success, ("devices", ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("reason", reason));
        }

        return ids.Count;
    }

    public async Task<int> RevokeAllAsync(HttpContext? context, UserRecord user, string reason, CancellationToken cancellationToken)
    {
        var ids = await store.RevokeAllAsync(user.Id, time.GetUtcNow(), cancellationToken);
        revoked.Add(ids);
        if (ids.Count > 0)
        {
            await audit.RecordAsync(context?.Origin(), user.Realm, user.UserName, AuditEventTypes.DeviceRevoked, AuditOutcomes.Success, ("devices", ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("reason", reason));
        }

        return ids.Count;
    }
}
