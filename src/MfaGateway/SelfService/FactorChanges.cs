using MfaGateway.Audit;
using MfaGateway.Networking;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>Renaming and choosing the primary of the user's own factors; each needs a fresh MFA. Removal is <see cref="FactorRemoval"/>.</summary>
public sealed class FactorChanges(IFactorStore factors, AuditLog audit, TimeProvider time)
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

        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, auditType, AuditOutcomes.Success, ("factor_id", factorId));
        return ChangeOutcome.Done;
    }
}
