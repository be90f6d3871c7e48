using MfaGateway.Factors.Recovery;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>
/// "Turn off two-step verification". A fresh session is not enough here: whoever holds an unlocked
/// browser could do that. The user must confirm with one of their factors now (a code, or a passkey),
/// or a recovery code (which works when the phone is lost).
/// </summary>
public sealed class MfaTurnOff(IFactorStore factors, RecoveryCodeService recoveryCodes, ChangeProofCheck proofs, MfaShutdown shutdown)
{
    public async Task<ChangeOutcome> TurnOffAsync(HttpContext context, SecurityCaller caller, ChangeProof proof)
    {
        var cancellationToken = context.RequestAborted;
        if (caller.User is not { } user
            || ((await factors.ListAsync(user.Id, cancellationToken)).Count == 0 && await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken) == 0))
        {
            return ChangeOutcome.Conflict("Two-step verification is already off.");
        }

        var check = await proofs.VerifyAsync(context, caller, user, proof, SensitiveChange.TurnOff);
        if (!check.Outcome.Succeeded)
        {
            return check.Outcome;
        }

        await shutdown.EndAsync(context, caller, user, "turned off by the user", removeFactors: true, check.FactorType, cancellationToken);
        return ChangeOutcome.Done with { SessionEnded = true };
    }
}
