using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Regulation;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>A proof checked against the user's own factors: which factor type it matched, when it did.</summary>
public sealed record ProofResult(ChangeOutcome Outcome, string? FactorType = null);

/// <summary>How the user can confirm a change: with a typed code (from an app, or a recovery code), with a passkey, or both.</summary>
/// <param name="CodeFromApp">Some factor shows codes; otherwise a typed code can only be a recovery code.</param>
public sealed record ProofWays(bool Code, bool CodeFromApp, bool Passkey)
{
    public bool Any => Code || Passkey;
}

/// <summary>
/// Checks a <see cref="ChangeProof"/> against the user's factors and recovery codes, with the same
/// limits as a challenge: a locked or banned user or client is refused before checking, and a wrong
/// code or a refused passkey answer counts against the user and the client address.
/// </summary>
public sealed class ChangeProofCheck(
    IFactorStore factors,
    RecoveryCodeService recoveryCodes,
    FactorSet factorSet,
    PasskeyProof passkeys,
    CodeRegulation regulation,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<ProofWays> WaysAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        var codes = await CodeFactorsAsync(user, enrolled, cancellationToken);
        return new ProofWays(codes.Count > 0, codes.Any(c => c.Type != FactorTypes.Recovery), passkeys.AssertionFactorsOf(enrolled).Count > 0);
    }

    public async Task<ProofResult> VerifyAsync(HttpContext context, SecurityCaller caller, UserRecord user, ChangeProof proof, SensitiveChange change)
    {
        var cancellationToken = context.RequestAborted;
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        var codeFactors = await CodeFactorsAsync(user, enrolled, cancellationToken);
        var hasPasskey = passkeys.AssertionFactorsOf(enrolled).Count > 0;
        if (codeFactors.Count == 0 && !hasPasskey)
        {
            // Nothing the user holds can confirm it, so no answer is counted as wrong.
            return new ProofResult(ChangeOutcome.Conflict("You have no verification method or recovery code left to confirm this change with."));
        }

        if (proof.IsEmpty)
        {
            return new ProofResult(ProofRequired(null));
        }

        // A kind of proof the user has nothing to answer with cannot be right, so it is not counted as wrong.
        if (proof.IsPasskey ? !hasPasskey : codeFactors.Count == 0)
        {
            return new ProofResult(ProofRequired(proof.IsPasskey
                ? "You have no passkey or security key that can confirm this. Enter a code from your authenticator app or a recovery code."
                : "You have no authenticator app or recovery code left, so no typed code can confirm this. Confirm with your passkey or security key."));
        }

        // Counted before any factor is tried, as at a challenge: parallel guesses cannot overtake the limits.
        var reservation = await regulation.ReserveAsync(context.Origin(), user, cancellationToken);
        if (ToOutcome(reservation.Refused) is { } blocked)
        {
            return new ProofResult(blocked);
        }

        var (verification, factorType) = proof.IsPasskey
            ? await VerifyPasskeyAsync(context, caller, user, enrolled, proof)
            : await VerifyCodeAsync(caller, user, enrolled, codeFactors, proof.Code!, cancellationToken);
        if (verification.Verified)
        {
            await regulation.SucceededAsync(reservation, cancellationToken);
            return new ProofResult(ChangeOutcome.Done, factorType);
        }

        if (verification.Rejection == FactorRejection.NotStarted)
        {
            // Nothing was checked: the confirmation expired or was used already.
            await regulation.ReleaseAsync(reservation, cancellationToken);
            return new ProofResult(ProofRequired("That confirmation has expired or was already used. Confirm again."));
        }

        await audit.RecordAsync(context.Origin(), user.Realm, user.UserName, AuditEventTypes.ChallengeFailed, AuditOutcomes.Failure,
            ("purpose", SensitiveChanges.AuditName(change)), ("reason", verification.Rejection.ToString()));
        if (ToOutcome(await regulation.FailedAsync(context.Origin(), reservation, cancellationToken)) is { } regulated)
        {
            return new ProofResult(regulated);
        }

        return new ProofResult(verification.Rejection switch
        {
            FactorRejection.Replayed => new ChangeOutcome(ChangeStatus.CodeReused, "That code has already been used. Wait for the next code in your app."),
            FactorRejection.Invalid => new ChangeOutcome(ChangeStatus.WrongCode, "That code is not correct. Nothing was changed."),
            var rejection => new ChangeOutcome(ChangeStatus.CredentialRefused, FactorRejectionCodes.PageText(rejection)) { Rejection = rejection },
        });
    }

    private static ChangeOutcome ProofRequired(string? problem) => new(ChangeStatus.ProofRequired,
        problem ?? "To make sure it is you, confirm this change with a code from your authenticator app, a recovery code, or your passkey, even if you verified recently.");

    private async Task<(FactorVerification, string?)> VerifyCodeAsync(
        SecurityCaller caller, UserRecord user, IReadOnlyList<FactorRecord> enrolled, IReadOnlyList<ICodeFactor> codeFactors, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var replayed = false;
        foreach (var factor in codeFactors)
        {
            var factorContext = new FactorContext(CheckFor(caller, now), user, [.. enrolled.Where(f => f.Type == factor.Type)], now);
            var result = await factor.VerifyCodeAsync(factorContext, code, cancellationToken);
            if (result.Verified)
            {
                return (result, factor.Type);
            }

            replayed |= result.Rejection == FactorRejection.Replayed;
        }

        return (FactorVerification.Fail(replayed ? FactorRejection.Replayed : FactorRejection.Invalid), null);
    }

    private async Task<(FactorVerification, string?)> VerifyPasskeyAsync(
        HttpContext context, SecurityCaller caller, UserRecord user, IReadOnlyList<FactorRecord> enrolled, ChangeProof proof)
    {
        var (result, factorType) = await passkeys.VerifyAsync(caller, user, enrolled, proof, context.RequestAborted);
        if (result.CounterRegression is { } counters)
        {
            await audit.RecordCounterRegressionAsync(context.Origin(), user.Realm, user.UserName, result.FactorId ?? string.Empty, counters.Stored, counters.Presented, refused: !result.Verified);
        }

        return (result, factorType);
    }

    /// <summary>
    /// The user's factor types whose codes the user already holds, then recovery codes while any are
    /// left: a typed code cannot answer a factor that must first send one or issue options.
    /// </summary>
    private async Task<IReadOnlyList<ICodeFactor>> CodeFactorsAsync(UserRecord user, IReadOnlyList<FactorRecord> enrolled, CancellationToken cancellationToken)
    {
        var types = enrolled.Select(f => f.Type).Distinct().ToList();
        if (await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken) > 0)
        {
            types.Add(FactorTypes.Recovery);
        }

        return [.. types.Select(factorSet.Find).OfType<ICodeFactor>()];
    }

    /// <summary>
    /// Factors verify within a challenge; a typed code has none stored, so it describes itself as an
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
