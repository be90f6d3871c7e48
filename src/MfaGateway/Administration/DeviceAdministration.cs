using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Devices;
using MfaGateway.Storage;

namespace MfaGateway.Administration;

/// <summary>
/// A user's devices for an administrator, over the admin API and the command line: list them, forget
/// one or all. Forgetting covers remembered and recognised devices alike, so the browser is asked for a
/// code at its next sign-in under any policy. Every call is audited with the administrator's name.
/// </summary>
public sealed class DeviceAdministration(IUserStore users, UserDevices devices, AuditLog audit, GatewayConfigMonitor config)
{
    /// <returns>Null when the gateway has never seen the user.</returns>
    public async Task<UserDeviceList?> ListAsync(AdminActor admin, UserReference target, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminListDevices, null);
        return user is null ? null : new UserDeviceList(user.Realm, user.UserName, await ListAsync(user, cancellationToken));
    }

    /// <returns>Null when the gateway has never seen the user.</returns>
    public async Task<DevicesForgottenResult?> ForgetAllAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminForgetDevices, reason);
            return null;
        }

        var forgotten = await devices.ForgetAllAsync(null, user, $"forget_devices by admin {admin.Name}", cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminForgetDevices, reason, Facts(forgotten));
        return await ResultAsync("forget_devices", user, forgotten, cancellationToken);
    }

    /// <param name="deviceId">An id from the user's device list.</param>
    /// <returns>UserFound false: the gateway has never seen the user. A null result for a known user: no such device, nothing changed.</returns>
    public async Task<(bool UserFound, DevicesForgottenResult? Result)> ForgetAsync(AdminActor admin, UserReference target, string deviceId, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminForgetDevice, reason);
            return (false, null);
        }

        var forgotten = await devices.ForgetAsync(null, user, deviceId, $"forget_device by admin {admin.Name}", cancellationToken);
        if (forgotten is null)
        {
            await RecordAsync(admin, target, user, AuditEventTypes.AdminForgetDevice, reason, ("result", "device not found"));
            return (true, null);
        }

        await RecordAsync(admin, target, user, AuditEventTypes.AdminForgetDevice, reason, Facts(forgotten));
        return (true, await ResultAsync("forget_device", user, forgotten, cancellationToken));
    }

    private async Task<DevicesForgottenResult> ResultAsync(string action, UserRecord user, ForgottenDevices forgotten, CancellationToken cancellationToken) =>
        new(action, forgotten.Devices, forgotten.Remembered, forgotten.Recognised, await ListAsync(user, cancellationToken));

    private async Task<IReadOnlyList<DeviceStatus>> ListAsync(UserRecord user, CancellationToken cancellationToken) =>
        [.. (await devices.ListAsync(user, null, cancellationToken)).Select(DeviceStatus.From)];

    private Task<UserRecord?> FindAsync(UserReference target, CancellationToken cancellationToken) =>
        users.FindAsync(CanonicalRealm(target.Realm), target.User, cancellationToken);

    /// <summary>Realms are stored as the app configures them; an operator typing "Bank" means the realm "bank".</summary>
    private string CanonicalRealm(string realm) => config.Current.AppForRealm(realm)?.Realm ?? realm;

    private static (string Key, string Value)[] Facts(ForgottenDevices forgotten) =>
        [("devices", Count(forgotten.Devices)), ("remembered", Count(forgotten.Remembered)), ("recognised", Count(forgotten.Recognised))];

    /// <summary>Success when the user exists; otherwise a failure that still shows who looked for whom.</summary>
    private Task RecordAsync(AdminActor admin, UserReference target, UserRecord? user, string type, string? reason, params (string Key, string Value)[] facts)
    {
        List<(string Key, string Value)> detail = [("admin", admin.Name)];
        if (reason is not null)
        {
            detail.Add(("reason", reason));
        }

        if (user is null)
        {
            detail.Add(("result", "user not found"));
        }

        detail.AddRange(facts);
        var failed = user is null || facts.Any(f => f.Key == "result");
        return audit.RecordAsync(
            user?.Realm ?? CanonicalRealm(target.Realm),
            user?.UserName ?? target.User,
            type,
            failed ? AuditOutcomes.Failure : AuditOutcomes.Success,
            admin.ClientIp,
            admin.UserAgent,
            [.. detail]);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
