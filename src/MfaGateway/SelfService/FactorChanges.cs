using MfaGateway.Audit;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>Renaming, choosing the primary, and removing one of the user's own factors; each needs a fresh MFA.</summary>
public sealed class FactorChanges(IFactorStore factors, MfaShutdown shutdown, AuditLog audit, TimeProvider time)
{
    private const string Unknown = "That verification method does not exist, or is not yours.";

    public async Task<ChangeOutcome> RenameAsync(HttpContext context, SecurityCaller caller, string? factorId, string? name)
    {
        if (!FactorName.TryNormalize(name, out var clean, out var problem))
        {
            return ChangeOutcome.Invalid(problem);
        }

        return await ChangeAsync(context, caller, factorId, AuditEventTypes.FactorRenamed, (user, id, token) => factors.RenameAsync(user.Id, id, clean, token));
    }

    public Task<ChangeOutcome> MakePrimaryAsync(HttpContext context, SecurityCaller caller, string? factorId) =>
        ChangeAsync(context, caller, factorId, AuditEventTypes.FactorPrimary, (user, id, token) => factors.SetPrimaryAsync(user.Id, id, token));

    /// <summary>A change to one of the caller's own factors: fresh MFA first, then the change, then the audit event.</summary>
    private async Task<ChangeOutcome> ChangeAsync(
        HttpContext context, SecurityCaller caller, string? factorId, string auditType, Func<UserRecord, string, CancellationToken, Task<bool>> change)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return ChangeOutcome.FreshMfaRequired;
        }

        if (caller.User is not { } user || string.IsNullOrEmpty(factorId) || !await change(user, factorId, context.RequestAborted))
        {
            return ChangeOutcome.NotFound(Unknown);
        }

        await audit.RecordAsync(context, user.Realm, user.UserName, auditType, AuditOutcomes.Success, ("factor_id", factorId));
        return ChangeOutcome.Done;
    }

    /// <summary>Removing the last factor is allowed, and turns two-step verification off (see <see cref="MfaShutdown"/>).</summary>
    public async Task<ChangeOutcome> RemoveAsync(HttpContext context, SecurityCaller caller, string? factorId)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return ChangeOutcome.FreshMfaRequired;
        }

        var cancellationToken = context.RequestAborted;
        if (caller.User is not { } user || string.IsNullOrEmpty(factorId)
            || (await factors.ListAsync(user.Id, cancellationToken)).FirstOrDefault(f => f.Id == factorId) is not { } factor
            || !await factors.RemoveAsync(user.Id, factorId, cancellationToken))
        {
            return ChangeOutcome.NotFound(Unknown);
        }

        await audit.RecordAsync(context, user.Realm, user.UserName, AuditEventTypes.FactorRemoved, AuditOutcomes.Success, ("factor", factor.Type), ("factor_id", factorId));
        if ((await factors.ListAsync(user.Id, cancellationToken)).Count > 0)
        {
            return ChangeOutcome.Done;
        }

        await shutdown.EndAsync(context, caller, user, "last factor removed", removeFactors: false, provenWith: null, cancellationToken);
        return ChangeOutcome.Done with { SessionEnded = true };
    }
}
