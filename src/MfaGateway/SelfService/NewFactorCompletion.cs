using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Sessions;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>
/// What follows a factor added on the security page, whatever its type: the audit event and, when it
/// was the user's first, what a first enrolment brings (recovery codes, and a session that carries the MFA).
/// </summary>
public sealed class NewFactorCompletion(RecoveryCodeService recoveryCodes, GatewaySessionCookies sessionCookies, AuditLog audit)
{
    public async Task<AuthenticatorAdded> CompleteAsync(HttpContext context, SecurityCaller caller, UserRecord user, FactorRecord factor, bool first, DateTimeOffset now)
    {
        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.FactorEnrolled, AuditOutcomes.Success,
            ("factor", factor.Type), ("factor_id", factor.Id), ("via", "self-service"));
        return first
            ? await FirstFactorAddedAsync(context, caller, user, factor, now)
            : new AuthenticatorAdded(ChangeOutcome.Done, factor);
    }

    /// <summary>
    /// The first factor turns MFA on: the user gets recovery codes as at a first enrolment, and the
    /// session records the MFA just done, so the policy does not ask for it again at once.
    /// </summary>
    private async Task<AuthenticatorAdded> FirstFactorAddedAsync(HttpContext context, SecurityCaller caller, UserRecord user, FactorRecord factor, DateTimeOffset now)
    {
        IReadOnlyList<string>? codes = null;
        if (caller.Policy.RecoveryCodeCount > 0)
        {
            codes = await recoveryCodes.GenerateAsync(user.Id, caller.Policy.RecoveryCodeCount, context.RequestAborted);
            await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.RecoveryCodesGenerated, AuditOutcomes.Success,
                ("count", codes.Count.ToString(CultureInfo.InvariantCulture)), ("via", "self-service"));
        }

        var session = caller.Session with { Factors = [factor.Type], MfaAt = now, GraceUntil = null, DeviceId = null };
        var token = sessionCookies.Write(context, caller.App, caller.Config.Session, session);
        return new AuthenticatorAdded(ChangeOutcome.Done, factor, codes, token);
    }
}
