using System.Globalization;
using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Risk.Devices;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;

namespace MfaGateway.Devices;

/// <summary>
/// A user's devices as one list, for the security page, the admin API and the command line: the
/// browsers risk checks recognise (known devices) merged with the ones remembered from them. Forgetting
/// a device forgets both halves, so that browser, or anyone holding a copy of its cookies, is asked
/// for a code at its next sign-in whatever the policy: a remembered device no longer skips the
/// challenge, and a RiskBased policy's new-device trigger fires again.
/// </summary>
public sealed partial class UserDevices(
    IRiskHistoryStore history,
    TrustedDeviceService trustedDevices,
    DeviceIdProtector deviceIds,
    TrustedDeviceCookie trustedDeviceCookie,
    AuditLog audit,
    ILogger<UserDevices> logger)
{
    /// <summary>The devices this request's cookies name, for <see cref="ListAsync"/>.</summary>
    public CurrentDevice CurrentOf(HttpContext context, ProtectedApp app) =>
        new(deviceIds.Verify(context.Origin().DeviceToken), trustedDeviceCookie.Read(context, app)?.DeviceId);

    /// <summary>Most recently seen first.</summary>
    public async Task<IReadOnlyList<UserDevice>> ListAsync(UserRecord user, CurrentDevice? current, CancellationToken cancellationToken)
    {
        var known = await history.ListDevicesAsync(user.Id, cancellationToken);
        var remembered = await trustedDevices.ListAsync(user, cancellationToken);
        var knownIds = known.Select(k => k.DeviceId).ToHashSet(StringComparer.Ordinal);
        var devices = new List<UserDevice>(known.Count + remembered.Count);
        foreach (var device in known)
        {
            var linked = remembered.Where(r => r.KnownDeviceId == device.DeviceId).ToList();
            var latest = linked.MaxBy(r => r.LastSeen);
            var rememberedLater = latest is not null && latest.LastSeen > device.LastSeen;
            devices.Add(new UserDevice(
                DeviceListId.For(device.DeviceId),
                device.Browser,
                device.FirstSeen,
                rememberedLater ? latest!.LastSeen : device.LastSeen,
                rememberedLater ? latest!.LastIp ?? device.LastIp : device.LastIp,
                device.LastPlace,
                Recognised: true,
                linked.Count == 0 ? null : linked.Max(r => r.ExpiresAt),
                current?.KnownDeviceId == device.DeviceId || linked.Any(r => r.Id == current?.TrustedDeviceId)));
        }

        // Remembered before devices were linked to known ones, or whose known device is gone: listed on their own.
        foreach (var device in remembered.Where(r => r.KnownDeviceId is null || !knownIds.Contains(r.KnownDeviceId)))
        {
            devices.Add(new UserDevice(
                device.Id,
                device.Browser,
                device.FirstSeen,
                device.LastSeen,
                device.LastIp,
                LastPlace: null,
                Recognised: false,
                device.ExpiresAt,
                device.Id == current?.TrustedDeviceId));
        }

        return [.. devices.OrderByDescending(d => d.LastSeen)];
    }

    /// <summary>Forgets one device of the list, by its <see cref="UserDevice.Id"/>.</summary>
    /// <param name="reason">Who asked, for the audit log ("forgotten by the user", "admin ops").</param>
    /// <returns>Null when the user has no such device (or the id is malformed): nothing changed.</returns>
    public async Task<ForgottenDevices?> ForgetAsync(HttpContext? context, UserRecord user, string? id, string reason, CancellationToken cancellationToken)
    {
        if (!DeviceListId.IsWellFormed(id))
        {
            return null;
        }

        var knownDeviceId = (await history.ListDevicesAsync(user.Id, cancellationToken)).FirstOrDefault(d => DeviceListId.For(d.DeviceId) == id)?.DeviceId;
        var remembered = 0;
        if (knownDeviceId is null)
        {
            // Not a known device: a remembered one named by its own id (listed on its own, or an id from before the list).
            var device = (await trustedDevices.ListAsync(user, cancellationToken)).FirstOrDefault(d => d.Id == id);
            if (device is null || !await trustedDevices.RevokeAsync(context, user, device.Id, cancellationToken))
            {
                return null;
            }

            remembered = 1;
            knownDeviceId = device.KnownDeviceId;
        }

        var recognised = 0;
        if (knownDeviceId is not null)
        {
            remembered += await trustedDevices.RevokeLinkedAsync(context, user, knownDeviceId, reason, cancellationToken);
            recognised = await history.ForgetDeviceAsync(user.Id, knownDeviceId, cancellationToken) ? 1 : 0;
        }

        var forgotten = new ForgottenDevices(1, remembered, recognised);
        await RecordAsync(context, user, forgotten, reason);
        return forgotten;
    }

    /// <summary>Forgets every device of the user: each browser is asked for a code at its next sign-in.</summary>
    public async Task<ForgottenDevices> ForgetAllAsync(HttpContext? context, UserRecord user, string reason, CancellationToken cancellationToken)
    {
        var listed = (await ListAsync(user, null, cancellationToken)).Count;
        var remembered = await trustedDevices.RevokeAllAsync(context, user, reason, cancellationToken);
        var recognised = await history.ForgetAllDevicesAsync(user.Id, cancellationToken);
        var forgotten = new ForgottenDevices(listed, remembered, recognised);
        if (forgotten is not { Devices: 0, Remembered: 0, Recognised: 0 })
        {
            await RecordAsync(context, user, forgotten, reason);
        }

        return forgotten;
    }

    private async Task RecordAsync(HttpContext? context, UserRecord user, ForgottenDevices forgotten, string reason)
    {
        await audit.RecordAsync(
            context?.Origin(),
            user.Realm,
            user.UserName,
            AuditEventTypes.DeviceForgotten,
            AuditOutcomes.Success,
            ("devices", Count(forgotten.Devices)),
            ("remembered", Count(forgotten.Remembered)),
            ("recognised", Count(forgotten.Recognised)),
            ("reason", reason));
        LogForgotten(logger, user.Realm, user.UserName, forgotten.Devices, forgotten.Remembered, forgotten.Recognised, reason);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = EventIds.DevicesForgotten, Level = LogLevel.Information, Message = "Forgot {Devices} device(s) of {Realm}/{User} ({Remembered} remembered, {Recognised} recognised): {Reason}")]
    private static partial void LogForgotten(ILogger logger, string realm, string user, int devices, int remembered, int recognised, string reason);
}
