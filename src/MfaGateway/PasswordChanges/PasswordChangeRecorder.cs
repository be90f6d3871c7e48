using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;

namespace MfaGateway.PasswordChanges;

/// <summary>
/// Records that a user's password changed, whether the gateway watched the app's form or the app
/// reported it through the admin API: stored durably, known in memory at once, audited, and (unless
/// configured otherwise) every remembered device of the user revoked; every session of the user
/// ended but that of a user who made the change themselves with a fresh MFA (<see cref="OwnPasswordChange"/>).
/// </summary>
public sealed partial class PasswordChangeRecorder(
    IUserStore users,
    RecentPasswordChanges recent,
    TrustedDeviceService trustedDevices,
    OwnPasswordChange sessions,
    AuditLog audit,
    GatewayConfigMonitor configMonitor,
    TimeProvider time,
    ILogger<PasswordChangeRecorder> logger)
{
    /// <returns>How many remembered devices were revoked.</returns>
    /// <param name="changer">The gateway session the change was made through, when it was made through one.</param>
    public async Task<int> RecordAsync(HttpContext? context, UserRecord user, string source, GatewaySession? changer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await users.SetPasswordChangedAsync(user.Id, now, cancellationToken);
        recent.Add(user.Realm, user.UserName, now);
        var revoked = configMonitor.Current.Risk.RevokeTrustedDevicesOnPasswordChange
            ? await trustedDevices.RevokeAllAsync(context, user, "password changed", cancellationToken)
            : 0;
        await audit.RecordAsync(context?.Origin(), user.Realm, user.UserName, AuditEventTypes.PasswordChanged, AuditOutcomes.Success,
            ("source", source), ("devices_revoked", revoked.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await sessions.AfterChangeAsync(context, changer, user, now, cancellationToken);
        LogPasswordChanged(logger, user.Realm, user.UserName, source, revoked);
        return revoked;
    }

    [LoggerMessage(EventId = EventIds.PasswordChanged, Level = LogLevel.Information, Message = "Password of {Realm}/{User} changed ({Source}); {Revoked} remembered device(s) revoked")]
    private static partial void LogPasswordChanged(ILogger logger, string realm, string user, string source, int revoked);
}
