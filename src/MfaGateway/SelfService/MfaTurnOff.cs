using MfaGateway.Factors.Recovery;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>
/// "Turn off two-step verification". A fresh session is not enough here: whoever holds an unlocked
/// browser could do that. The user must type a code from one of their factors, or a recovery code
/// (which works when the phone is lost).
/// </summary>
public sealed class MfaTurnOff(IFactorStore factors, RecoveryCodeService recoveryCodes, OwnCodeCheck codeCheck, MfaShutdown shutdown)
{
    public async Task<ChangeOutcome> TurnOffAsync(HttpContext context, SecurityCaller caller, string? code)
    {
        var cancellationToken = context.RequestAborted;
        if (caller.User is not { } user
            || ((await factors.ListAsync(user.Id, cancellationToken)).Count == 0 && await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken) == 0))
        {
            return ChangeOutcome.Conflict("Two-step verification is already off.");
        }

        var check = await codeCheck.VerifyAsync(context, caller, user, code);
        if (!check.Outcome.Succeeded)
        {
            return check.Outcome;
        }

        await shutdown.EndAsync(context, caller, user, "turned off by the user", removeFactors: true, check.FactorType, cancellationToken);
        return ChangeOutcome.Done with { SessionEnded = true };
    }
}
