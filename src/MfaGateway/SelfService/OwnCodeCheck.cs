using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Factors;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Regulation;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>A code checked against the user's own factors: which factor type it matched, when it did.</summary>
public sealed record OwnCodeResult(ChangeOutcome Outcome, string? FactorType = null);

/// <summary>
/// Checks a code typed on the security page (to turn MFA off) against every factor of the user and
/// their recovery codes, with the same limits as a challenge: a locked or banned user or client is
/// refused before checking, and a wrong code counts against the user and the client address.
/// </summary>
public sealed class OwnCodeCheck(
    IFactorStore factors,
    RecoveryCodeService recoveryCodes,
    FactorSet factorSet,
    CodeRegulation regulation,
    AuditLog audit,
    TimeProvider time)
{
    private const string Purpose = "turn off two-step verification";

    public async Task<OwnCodeResult> VerifyAsync(HttpContext context, SecurityCaller caller, UserRecord user, string? code)
    {
        var cancellationToken = context.RequestAborted;
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        var candidates = await CandidatesAsync(user, enrolled, cancellationToken);
        if (candidates.Count == 0)
        {
            // Only passkeys and no recovery code left: no typed code can be right, so none is counted as wrong.
            return new OwnCodeResult(ChangeOutcome.Conflict(
                "None of your verification methods shows a code, and you have no recovery codes left. Generate new recovery codes first, then enter one of them."));
        }

        // Counted before any factor is tried, as at a challenge: parallel guesses cannot overtake the limits.
        var reservation = await regulation.ReserveAsync(context.Origin(), user, cancellationToken);
        if (ToOutcome(reservation.Refused) is { } blocked)
        {
            return new OwnCodeResult(blocked);
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            await regulation.ReleaseAsync(reservation, cancellationToken);
            return new OwnCodeResult(ChangeOutcome.Invalid(candidates.Any(c => c.Type != FactorTypes.Recovery)
                ? "Enter a code from your authenticator app, or one of your recovery codes."
                : "Enter one of your recovery codes."));
        }

        var now = time.GetUtcNow();
        var replayed = false;
        foreach (var factor in candidates)
        {
            var factorContext = new FactorContext(CheckFor(caller, now), user, [.. enrolled.Where(f => f.Type == factor.Type)], now);
            var result = await factor.VerifyCodeAsync(factorContext, code, cancellationToken);
            if (result.Verified)
            {
                await regulation.SucceededAsync(reservation, cancellationToken);
                return new OwnCodeResult(ChangeOutcome.Done, factor.Type);
            }

            replayed |= result.Rejection == FactorRejection.Replayed;
        }

        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.ChallengeFailed, AuditOutcomes.Failure,
            ("purpose", Purpose), ("reason", replayed ? "CodeReused" : "WrongCode"));
        if (ToOutcome(await regulation.FailedAsync(context.Origin(), reservation, cancellationToken)) is { } regulated)
        {
            return new OwnCodeResult(regulated);
        }

        return new OwnCodeResult(replayed
            ? new ChangeOutcome(ChangeStatus.CodeReused, "That code has already been used. Wait for the next code in your app.")
            : new ChangeOutcome(ChangeStatus.WrongCode, "That code is not correct. Nothing was changed."));
    }

    /// <summary>
    /// The user's factor types whose codes the user already holds, then recovery codes while any are
    /// left: a typed code cannot answer a factor that must first send one or issue options.
    /// </summary>
    private async Task<IReadOnlyList<ICodeFactor>> CandidatesAsync(UserRecord user, IReadOnlyList<FactorRecord> enrolled, CancellationToken cancellationToken)
    {
        var types = enrolled.Select(f => f.Type).Distinct().ToList();
        if (await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken) > 0)
        {
            types.Add(FactorTypes.Recovery);
        }

        return [.. types.Select(factorSet.Find).OfType<ICodeFactor>()];
    }

    /// <summary>
    /// Factors verify within a challenge; this check has none stored, so it describes itself as an
    /// (unsaved) step-up of the caller's session, which is what it is.
    /// </summary>
    private static FactorChallenge CheckFor(SecurityCaller caller, DateTimeOffset now) =>
        new($"self-service:{Guid.NewGuid():N}", caller.App.Realm, caller.Session.User, now, ChallengeStore.MaxPendingPerUser);

    private static ChangeOutcome? ToOutcome(Regulated? regulated) => regulated?.Verdict switch
    {
        null => null,
        RegulationVerdict.Locked => Locked,
        _ => Banned(regulated.RetryAfter ?? TimeSpan.FromMinutes(1)),
    };

    private static ChangeOutcome Locked => new(ChangeStatus.Locked,
        "There have been too many incorrect codes for this account, so verification is locked. Contact your administrator to unlock it.");

    private static ChangeOutcome Banned(TimeSpan retryAfter) =>
        new(ChangeStatus.Banned, "For your security, codes are not accepted for a while after several incorrect ones. Try again later.") { RetryAfter = retryAfter };
}
