using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>
/// "Generate new codes": a new set replaces the old one, whose codes stop working at once. Each new
/// code passes a challenge, so this needs a proof now (a code or a passkey), not a fresh session:
/// otherwise whoever holds an unlocked browser could take codes and, with one, turn MFA off.
/// </summary>
public sealed class RecoveryCodeRenewal(IFactorStore factors, RecoveryCodeService recoveryCodes, ChangeProofCheck proofs, AuditLog audit)
{
    /// <returns>The new codes, to be shown once, when the outcome is done.</returns>
    public async Task<(ChangeOutcome Outcome, IReadOnlyList<string> Codes)> RenewAsync(HttpContext context, SecurityCaller caller, ChangeProof proof)
    {
        if (caller.User is not { } user || (await factors.ListAsync(user.Id, context.RequestAborted)).Count == 0)
        {
            return (ChangeOutcome.Conflict("Recovery codes back up an authenticator app: set one up first."), []);
        }

        if (caller.Policy.RecoveryCodeCount <= 0)
        {
            return (ChangeOutcome.Conflict("Recovery codes are not issued for this application."), []);
        }

        var check = await proofs.VerifyAsync(context, caller, user, proof, SensitiveChange.RenewRecoveryCodes);
        if (!check.Outcome.Succeeded)
        {
            return (check.Outcome, []);
        }

        var codes = await recoveryCodes.GenerateAsync(user.Id, caller.Policy.RecoveryCodeCount, context.RequestAborted);
        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.RecoveryCodesGenerated, AuditOutcomes.Success,
            ("count", codes.Count.ToString(CultureInfo.InvariantCulture)), ("via", "self-service"), ("factor", check.FactorType ?? string.Empty));
        return (ChangeOutcome.Done, codes);
    }
}
