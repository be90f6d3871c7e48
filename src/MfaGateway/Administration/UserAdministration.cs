using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Devices;
using MfaGateway.Factors.Recovery;
using MfaGateway.PasswordChanges;
using MfaGateway.Regulation;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;

namespace MfaGateway.Administration;

/// <summary>
/// What an administrator can do to a user, for the admin API and the command line alike. Every call,
/// status reads included, is audited with the administrator's name (and address, over HTTP). A user
/// the gateway has never seen gives null, never an exception.
/// </summary>
public sealed class UserAdministration(
    IUserStore users,
    IFactorStore factors,
    IWebAuthnCredentialStore credentials,
    RecoveryCodeService recoveryCodes,
    TrustedDeviceService devices,
    UserDevices deviceList,
    PasswordChangeRecorder passwordChanges,
    SessionTermination sessions,
    IRiskHistoryStore riskHistory,
    CodeRegulation regulation,
    AuditLog audit,
    GatewayConfigMonitor config,
    TimeProvider time)
{
    public async Task<UserStatus?> GetStatusAsync(AdminActor admin, UserReference target, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminUserStatus, null);
        return user is null ? null : await DescribeAsync(user, cancellationToken);
    }

    /// <summary>
    /// From the next sign-in the user must use MFA (enrolling first if they have no factor), even under
    /// an Optional policy. A user not seen yet is created when the realm belongs to a configured app,
    /// so MFA can be required before someone's first sign-in.
    /// </summary>
    public async Task<AdminActionResult?> RequireMfaAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        var realm = CanonicalRealm(target.Realm);
        var created = false;
        if (user is null && config.Current.AppForRealm(realm) is not null)
        {
            user = await users.GetOrCreateAsync(realm, target.User, time.GetUtcNow(), cancellationToken);
            created = true;
        }

        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminRequireMfa, reason);
            return null;
        }

        await users.SetMfaRequiredAsync(user.Id, required: true, cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminRequireMfa, reason, created ? [("created", "true")] : []);
        return new AdminActionResult("require_mfa", await DescribeAgainAsync(user, cancellationToken));
    }

    /// <summary>
    /// Removes every factor and recovery code and forgets every device (remembered and recognised: a
    /// browser that passed MFA before the reset must not look familiar once the user enrols again). The
    /// user signs in and enrols again: every session ends. A lock is left as it is (see <see cref="UnlockAsync"/>).
    /// </summary>
    public async Task<AdminActionResult?> ResetFactorsAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminResetFactors, reason);
            return null;
        }

        var codes = await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken);
        var removed = await factors.RemoveAllAsync(user.Id, cancellationToken);
        await recoveryCodes.RemoveAllAsync(user.Id, cancellationToken);
        var forgotten = await deviceList.ForgetAllAsync(null, user, $"admin reset by {admin.Name}", cancellationToken);
        await sessions.EndEverySessionAsync(null, user.Realm, user.UserName, $"admin reset by {admin.Name}", cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminResetFactors, reason, ("factors", Count(removed)), ("recovery_codes", Count(codes)), ("devices", Count(forgotten.Remembered)), ("known_devices", Count(forgotten.Recognised)));
        return new AdminActionResult("reset", await DescribeAgainAsync(user, cancellationToken), removed, codes, forgotten.Remembered, forgotten.Devices);
    }

    public async Task<AdminActionResult?> RevokeDevicesAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken) =>
        await RevokeAllDevicesAsync(admin, target, reason, AuditEventTypes.AdminRevokeDevices, "revoke_devices", cancellationToken);

    /// <summary>
    /// The app reported that the user's password changed: RiskBased policies ask for MFA again for a
    /// while (Gateway:Risk:PasswordChangeWindow), and remembered devices no longer count (unless
    /// Gateway:Risk:RevokeTrustedDevicesOnPasswordChange is off), so whoever knew the old password
    /// cannot sign in without a challenge.
    /// </summary>
    public async Task<AdminActionResult?> PasswordChangedAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminPasswordChanged, reason);
            return null;
        }

        var revoked = await passwordChanges.RecordAsync(null, user, $"admin {admin.Name}", changer: null, cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminPasswordChanged, reason, ("devices", Count(revoked)));
        return new AdminActionResult("password_changed", await DescribeAgainAsync(user, cancellationToken), DevicesRevoked: revoked);
    }

    /// <summary>
    /// Ends every session of the user (all browsers, all API sessions) at its next request, on this
    /// gateway at once and on others sharing the database within seconds; the user signs in again.
    /// </summary>
    public async Task<AdminActionResult?> SignOutEverywhereAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminSignOutEverywhere, reason);
            return null;
        }

        await sessions.EndEverySessionAsync(null, user.Realm, user.UserName, $"signed out everywhere by admin {admin.Name}", cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminSignOutEverywhere, reason);
        return new AdminActionResult("sign_out_everywhere", await DescribeAgainAsync(user, cancellationToken));
    }

    /// <summary>Unlocks the user and lifts their bans and those of their addresses (<see cref="CodeRegulation.UnlockAsync"/>).</summary>
    public async Task<AdminActionResult?> UnlockAsync(AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, AuditEventTypes.AdminUnlock, reason);
            return null;
        }

        var liftedClients = await regulation.UnlockAsync(user, cancellationToken);
        await RecordAsync(admin, target, user, AuditEventTypes.AdminUnlock, reason,
            ("consecutive_failures", Count(user.ConsecutiveFailures)), ("client_bans_lifted", string.Join(' ', liftedClients)));
        return new AdminActionResult("unlock", await DescribeAgainAsync(user, cancellationToken));
    }

    private async Task<AdminActionResult?> RevokeAllDevicesAsync(AdminActor admin, UserReference target, string? reason, string auditType, string action, CancellationToken cancellationToken)
    {
        var user = await FindAsync(target, cancellationToken);
        if (user is null)
        {
            await RecordAsync(admin, target, null, auditType, reason);
            return null;
        }

        // Recognised devices too: otherwise a browser that passed MFA once would still sign in quietly under RiskBased.
        var forgotten = await deviceList.ForgetAllAsync(null, user, $"{action} by admin {admin.Name}", cancellationToken);
        await RecordAsync(admin, target, user, auditType, reason, ("devices", Count(forgotten.Remembered)), ("known_devices", Count(forgotten.Recognised)));
        return new AdminActionResult(action, await DescribeAgainAsync(user, cancellationToken), DevicesRevoked: forgotten.Remembered, DevicesForgotten: forgotten.Devices);
    }

    private Task<UserRecord?> FindAsync(UserReference target, CancellationToken cancellationToken) =>
        users.FindAsync(CanonicalRealm(target.Realm), target.User, cancellationToken);

    /// <summary>Realms are stored as the app configures them; an operator typing "Bank" means the realm "bank".</summary>
    private string CanonicalRealm(string realm) => config.Current.AppForRealm(realm)?.Realm ?? realm;

    private async Task<UserStatus> DescribeAgainAsync(UserRecord user, CancellationToken cancellationToken) =>
        await DescribeAsync(await users.FindAsync(user.Realm, user.UserName, cancellationToken) ?? user, cancellationToken);

    private async Task<UserStatus> DescribeAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        var codesLeft = await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken);
        var trusted = await devices.ListAsync(user, cancellationToken);
        return new UserStatus(
            user.Realm,
            user.UserName,
            user.CreatedAt,
            MfaEnabled: enrolled.Count > 0,
            enrolled.Count,
            [.. enrolled.Select(f => f.Type).Distinct(StringComparer.Ordinal)],
            codesLeft,
            [.. trusted.Select(TrustedDeviceStatus.From)],
            user.ConsecutiveFailures,
            Locked: user.ConsecutiveFailures >= config.Current.Challenge.MaxConsecutiveUserFailures,
            user.IsBanned(time.GetUtcNow()) ? user.BannedUntil : null,
            user.MfaRequired,
            [.. (await riskHistory.ListDevicesAsync(user.Id, cancellationToken)).Select(KnownDeviceStatus.From)],
            [.. (await riskHistory.ListPlacesAsync(user.Id, cancellationToken)).Select(KnownPlaceStatus.From)],
            user.PasswordChangedAt,
            [.. (await credentials.ListAsync(user.Id, cancellationToken)).Select(c => WebAuthnCredentialStatus.From(c, enrolled.FirstOrDefault(f => f.Id == c.FactorId)))]);
    }

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
        return audit.RecordAsync(
            user?.Realm ?? CanonicalRealm(target.Realm),
            user?.UserName ?? target.User,
            type,
            user is null ? AuditOutcomes.Failure : AuditOutcomes.Success,
            admin.ClientIp,
            admin.UserAgent,
            [.. detail]);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
