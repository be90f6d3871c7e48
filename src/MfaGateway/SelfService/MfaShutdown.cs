using MfaGateway.Audit;
using MfaGateway.Devices;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Sessions;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>
/// Ends two-step verification for a user: without a factor, recovery codes and remembered devices
/// would only be ways around enrolment (a code or a device passes a challenge on its own), so they go
/// too, with the recognised devices (whoever's browser passed MFA before must not stay familiar once
/// the user enrols again). Every gateway session of the user ends as well, this one included: they carry the
/// old MFA, and the app sessions behind them must sign in again (the password, not a surviving app session,
/// is what lets someone enrol a new authenticator afterwards).
/// </summary>
public sealed class MfaShutdown(
    IFactorStore factors,
    RecoveryCodeService recoveryCodes,
    UserDevices devices,
    GatewaySessionCookies sessionCookies,
    SessionTermination sessions,
    AuditLog audit)
{
    /// <param name="removeFactors">False when the last factor was just removed on its own: nothing added meanwhile is touched.</param>
    /// <param name="provenWith">The factor type of the code the user proved the change with, if one was asked for.</param>
    public async Task EndAsync(HttpContext context, SecurityCaller caller, UserRecord user, string reason, bool removeFactors, string? provenWith, CancellationToken cancellationToken)
    {
        if (removeFactors)
        {
            await factors.RemoveAllAsync(user.Id, cancellationToken);
        }

        await recoveryCodes.RemoveAllAsync(user.Id, cancellationToken);
        await devices.ForgetAllAsync(context, user, reason, cancellationToken);
        (string, string)[] detail = provenWith is null
            ? [("reason", reason), ("via", "self-service")]
            : [("reason", reason), ("via", "self-service"), ("factor", provenWith)];
        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.MfaDisabled, AuditOutcomes.Success, detail);
        await sessions.EndEverySessionAsync(context.Origin(), user.Realm, user.UserName, reason, cancellationToken);
        sessionCookies.Delete(context, caller.App, caller.Config.Session);
    }
}
