using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>"Generate new codes": a new set replaces the old one, whose codes stop working at once.</summary>
public sealed class RecoveryCodeRenewal(IFactorStore factors, RecoveryCodeService recoveryCodes, AuditLog audit, TimeProvider time)
{
    /// <returns>The new codes, to be shown once, when the outcome is done.</returns>
    public async Task<(ChangeOutcome Outcome, IReadOnlyList<string> Codes)> RenewAsync(HttpContext context, SecurityCaller caller)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return (ChangeOutcome.FreshMfaRequired, []);
        }

        if (caller.User is not { } user || (await factors.ListAsync(user.Id, context.RequestAborted)).Count == 0)
        {
            return (ChangeOutcome.Conflict("Recovery codes back up an authenticator app: set one up first."), []);
        }

        if (caller.Policy.RecoveryCodeCount <= 0)
        {
            return (ChangeOutcome.Conflict("Recovery codes are not issued for this application."), []);
        }

        var codes = await recoveryCodes.GenerateAsync(user.Id, caller.Policy.RecoveryCodeCount, context.RequestAborted);
        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.RecoveryCodesGenerated, AuditOutcomes.Success,
            ("count", codes.Count.ToString(CultureInfo.InvariantCulture)), ("via", "self-service"));
        return (ChangeOutcome.Done, codes);
    }
}
