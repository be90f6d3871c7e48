using MfaGateway.Audit;
using MfaGateway.Networking;
using MfaGateway.Sessions;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>
/// Removing one of the user's own factors. Every other session of the user ends: a factor is removed
/// because it may be in someone else's hands, and so may a session it opened. Removing the last one
/// turns two-step verification off, so it follows the turn-off rule: a proof now (a code, a recovery
/// code or the passkey itself), not just a fresh session (whoever holds a briefly unlocked browser
/// could otherwise replace the user's authenticator with their own).
/// </summary>
public sealed class FactorRemoval(IFactorStore factors, ChangeProofCheck proofs, MfaShutdown shutdown, SessionTermination sessions, AuditLog audit, TimeProvider time)
{
    private const string Unknown = "That verification method does not exist, or is not yours.";

    /// <param name="proof">Asked for only when the factor is the user's last one.</param>
    public async Task<ChangeOutcome> RemoveAsync(HttpContext context, SecurityCaller caller, string? factorId, ChangeProof proof)
    {
        var cancellationToken = context.RequestAborted;
        if (caller.User is not { } user || string.IsNullOrEmpty(factorId))
        {
            return ChangeOutcome.NotFound(Unknown);
        }

        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        if (enrolled.FirstOrDefault(f => f.Id == factorId) is not { } factor)
        {
            return ChangeOutcome.NotFound(Unknown);
        }

        return enrolled.Count > 1
            ? await RemoveOneOfSeveralAsync(context, caller, user, factor)
            : await RemoveLastAsync(context, caller, user, factor, proof);
    }

    private async Task<ChangeOutcome> RemoveOneOfSeveralAsync(HttpContext context, SecurityCaller caller, UserRecord user, FactorRecord factor)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return ChangeOutcome.FreshMfaRequired;
        }

        if (!await factors.RemoveUnlessLastAsync(user.Id, factor.Id, context.RequestAborted))
        {
            // Another removal got there first and this one is now the last: that needs a proof.
            return new ChangeOutcome(ChangeStatus.ProofRequired,
                "This is now your only verification method: removing it turns two-step verification off, so confirm it is you first.");
        }

        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.FactorRemoved, AuditOutcomes.Success, ("factor", factor.Type), ("factor_id", factor.Id));
        var (_, token) = await sessions.EndEveryOtherSessionAsync(context, caller.App, caller.Session, "factor removed", null, context.RequestAborted);
        return ChangeOutcome.Done with { SessionToken = token };
    }

    private async Task<ChangeOutcome> RemoveLastAsync(HttpContext context, SecurityCaller caller, UserRecord user, FactorRecord factor, ChangeProof proof)
    {
        var cancellationToken = context.RequestAborted;
        var check = await proofs.VerifyAsync(context, caller, user, proof, SensitiveChange.RemoveLastFactor);
        if (!check.Outcome.Succeeded)
        {
            return check.Outcome;
        }

        if (!await factors.RemoveAsync(user.Id, factor.Id, cancellationToken))
        {
            return ChangeOutcome.NotFound(Unknown);
        }

        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.FactorRemoved, AuditOutcomes.Success, ("factor", factor.Type), ("factor_id", factor.Id));
        if ((await factors.ListAsync(user.Id, cancellationToken)).Count > 0)
        {
            // One was added meanwhile: MFA stays on, and only the other sessions end.
            var (_, token) = await sessions.EndEveryOtherSessionAsync(context, caller.App, caller.Session, "factor removed", null, cancellationToken);
            return ChangeOutcome.Done with { SessionToken = token };
        }

        await shutdown.EndAsync(context, caller, user, "last factor removed", removeFactors: false, check.FactorType, cancellationToken);
        return ChangeOutcome.Done with { SessionEnded = true };
    }
}
