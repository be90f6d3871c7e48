using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Factors;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Factors.Recovery;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Regulation;
using MfaGateway.Storage;
using MfaGateway.Web;

namespace MfaGateway.Challenges;

/// <summary>
/// Opens challenges and checks answers. Limits, from narrowest to widest: each challenge allows
/// <see cref="ChallengeSettings.MaxFailures"/> answers (counted atomically before checking, so parallel
/// guesses cannot exceed it); regulation bans a user or a client address for a while after too many
/// failures in a window; and a user is locked after <see cref="ChallengeSettings.MaxConsecutiveUserFailures"/>
/// wrong codes in a row, across challenges, addresses and restarts, until an administrator unlocks them.
/// </summary>
public sealed partial class ChallengeService(
    ChallengeStore challenges,
    IUserStore users,
    IFactorStore factors,
    RecoveryCodeService recoveryCodes,
    CodeRegulation regulation,
    FactorSet factorSet,
    IEnumerable<IFactorEnrolment> enrolments,
    IEnrolmentGate enrolmentGate,
    ContactBook contacts,
    AuditLog audit,
    GatewayConfigMonitor config,
    GatewayPaths paths,
    TimeProvider time,
    ILogger<ChallengeService> logger)
{
    public async Task<PendingChallenge> CreateAsync(RequestOrigin origin, ChallengeRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = await users.GetOrCreateAsync(request.App.Realm, request.User, now, cancellationToken);
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        var challenge = new PendingChallenge
        {
            Id = ChallengeStore.NewId(),
            App = request.App.Name,
            Realm = request.App.Realm,
            User = request.User,
            Purpose = request.Purpose,
            PolicyName = request.Policy.Name,
            AllowedFactors = [.. request.Policy.AllowedFactors],
            ReturnUrl = ReturnUrl.ToDeliverable(request.ReturnUrl) ?? "/",
            SessionBinding = request.SessionBinding,
            EnrolmentRequired = enrolled.Count == 0,
            HeldBack = request.HeldBack,
            Form = request.Form,
            UnsentForm = request.UnsentForm,
            RiskReasons = request.RiskReasons ?? [],
            Action = request.Purpose == ChallengePurpose.StepUp ? request.Action : null,
            UserVerification = request.Policy.UserVerification,
            SignInLink = request.Policy.EmailLink && request.App.PublicUrl is { } publicUrl && request.Purpose != ChallengePurpose.AppStepUp
                ? new Uri(publicUrl, paths.Link + "/").AbsoluteUri
                : null,
            KnownEmail = enrolled.Count == 0 && Factors.Email.EmailAddresses.TryNormalize(request.IdentityEmail, out var known, out _) ? known : null,
            CreatedAt = now,
            ExpiresAt = now + config.Current.Challenge.Lifetime,
        };
        await challenges.SaveAsync(challenge, cancellationToken);
        LogChallengeIssued(logger, challenge.App, challenge.User, challenge.Purpose, challenge.PolicyName, challenge.EnrolmentRequired);
        await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.ChallengeIssued, AuditOutcomes.Success,
            ("purpose", challenge.Purpose.ToString()), ("policy", challenge.PolicyName), ("enrolment", challenge.EnrolmentRequired ? "required" : "no"));
        return challenge;
    }

    /// <summary>A challenge of the hosted pages or the challenge API; an app's step-up (<see cref="ChallengePurpose.AppStepUp"/>) is not one.</summary>
    public async Task<PendingChallenge?> FindAsync(string? id, CancellationToken cancellationToken) =>
        await challenges.FindAsync(id, cancellationToken) is { Purpose: not ChallengePurpose.AppStepUp } challenge ? challenge : null;

    /// <summary>A challenge an app's backend opened through the step-up API, and only such a one.</summary>
    public async Task<PendingChallenge?> FindForAppAsync(string? id, CancellationToken cancellationToken) =>
        await challenges.FindAsync(id, cancellationToken) is { Purpose: ChallengePurpose.AppStepUp } challenge ? challenge : null;

    /// <summary>Factor types the user can answer this challenge with, primary first; recovery codes last while any are left.</summary>
    public async Task<IReadOnlyList<IChallengeFactor>> AvailableFactorsAsync(PendingChallenge challenge, CancellationToken cancellationToken) =>
        await LoadAsync(challenge, cancellationToken) is { } subject ? await AvailableFactorsAsync(challenge, subject, cancellationToken) : [];

    /// <summary>
    /// Starts answering with one factor, whatever its kind: nothing to do for a code factor (TOTP,
    /// recovery codes); sends a code (SMS, e-mail) or issues assertion options (WebAuthn) for the
    /// others. Null when the factor cannot be used here.
    /// </summary>
    public Task<FactorPrompt?> BeginAsync(PendingChallenge challenge, IChallengeFactor factor, CancellationToken cancellationToken) =>
        BeginAsync(challenge, factor.Type, cancellationToken);

    /// <param name="resend">The user asked for a new code (sent-code factors); otherwise a live code is kept.</param>
    /// <param name="client">The client's address, for limits on sending codes.</param>
    public async Task<FactorPrompt?> BeginAsync(PendingChallenge challenge, string factorType, CancellationToken cancellationToken, bool resend = false, System.Net.IPAddress? client = null)
    {
        var subject = await LoadAsync(challenge, cancellationToken);
        var available = subject is null ? null : (await AvailableFactorsAsync(challenge, subject, cancellationToken)).FirstOrDefault(f => f.Type == factorType);
        return subject is null || available is null
            ? null
            : await FactorDriver.BeginAsync(available, subject.ContextFor(challenge, available.Type, time.GetUtcNow()) with { Client = client }, cancellationToken, resend);
    }

    /// <summary>
    /// At enrolment with a sent-code factor (e-mail, SMS): sends a confirmation code to what the user
    /// typed, or (<paramref name="destination"/> null) a new one to the destination being confirmed.
    /// Null when that type cannot be enrolled here.
    /// </summary>
    public async Task<SentCodeEnrolmentResult?> SendEnrolmentCodeAsync(PendingChallenge challenge, string factorType, string? destination, System.Net.IPAddress? client, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (Enrolment(challenge, factorType) is not ISentCodeEnrolment enrolment || user is null || !challenge.EnrolmentRequired
            || await EnrolmentContextAsync(challenge, user, factorType, time.GetUtcNow(), cancellationToken) is not { } context)
        {
            return null;
        }

        return await enrolment.SendAsync(context.Context with { Client = client }, destination, cancellationToken);
    }

    /// <summary>Why the user cannot answer at all right now, if they cannot: locked, or banned for a while.</summary>
    public async Task<ChallengeOutcome?> BlockedAsync(RequestOrigin origin, PendingChallenge challenge, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        return user is null ? null : await BlockedAsync(origin, user, cancellationToken);
    }

    /// <summary>Whether the challenge asks for a first enrolment that the policy allows only with an invitation this browser lacks.</summary>
    public async Task<bool> NeedsInvitationAsync(PendingChallenge challenge, CancellationToken cancellationToken)
    {
        if (!challenge.EnrolmentRequired)
        {
            return false;
        }

        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        return user is not null && !(await enrolmentGate.CheckAsync(challenge, user, await KnownEmailAsync(challenge, user, cancellationToken), cancellationToken)).Allowed;
    }

    /// <summary>Factor types the challenge's user may enrol, in the policy's order.</summary>
    public IReadOnlyList<string> EnrolmentTypes(PendingChallenge challenge) =>
        [.. challenge.AllowedFactors.Where(type => Enrolment(challenge, type) is not null)];

    /// <summary>The types the user may enrol here and now: <see cref="EnrolmentTypes"/> as the policy's FirstEnrolment narrows them.</summary>
    public async Task<IReadOnlyList<string>> EnrolmentTypesAsync(PendingChallenge challenge, CancellationToken cancellationToken)
    {
        var types = EnrolmentTypes(challenge);
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (user is null || !challenge.EnrolmentRequired)
        {
            return types;
        }

        var pass = await enrolmentGate.CheckAsync(challenge, user, await KnownEmailAsync(challenge, user, cancellationToken), cancellationToken);
        return !pass.Allowed ? [] : pass.OnlyFactor is { } only ? [.. types.Where(t => t == only)] : types;
    }

    public async Task<EnrolmentPrompt?> StartEnrolmentAsync(PendingChallenge challenge, string factorType, CancellationToken cancellationToken)
    {
        var enrolment = Enrolment(challenge, factorType);
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (enrolment is null || user is null || !challenge.EnrolmentRequired
            || await EnrolmentContextAsync(challenge, user, factorType, time.GetUtcNow(), cancellationToken) is not { } context)
        {
            return null;
        }

        return await enrolment.StartAsync(context.Context, cancellationToken);
    }

    /// <summary>Until when the challenge's user may skip enrolment, or null when they may not.</summary>
    public async Task<DateTimeOffset?> GraceUntilAsync(PendingChallenge challenge, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (user is null || user.MfaRequired || !challenge.EnrolmentRequired
            || !config.Current.Policies.TryGetValue(challenge.PolicyName, out var policy) || policy.GracePeriod is not { } grace)
        {
            return null;
        }

        var until = user.CreatedAt + grace;
        return until > time.GetUtcNow() ? until : null;
    }

    public async Task<ChallengeOutcome> SkipEnrolmentAsync(RequestOrigin origin, string? challengeId, CancellationToken cancellationToken)
    {
        var challenge = await FindAsync(challengeId, cancellationToken);
        if (challenge is null)
        {
            return new ChallengeOutcome(ChallengeStatus.Expired);
        }

        if (!IsDeliverable(challenge))
        {
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            return new ChallengeOutcome(ChallengeStatus.Undeliverable);
        }

        if (await GraceUntilAsync(challenge, cancellationToken) is not { } until)
        {
            return new ChallengeOutcome(ChallengeStatus.SkipNotAllowed);
        }

        var taken = await challenges.TakeAsync(challenge.Id, cancellationToken);
        if (taken is null)
        {
            return new ChallengeOutcome(ChallengeStatus.Expired);
        }

        await challenges.DeleteAsync(challenge.Id, cancellationToken);
        await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.ChallengeSkipped, AuditOutcomes.Success,
            ("reason", "grace period"), ("until", until.ToString("O", CultureInfo.InvariantCulture)));
        return new ChallengeOutcome(ChallengeStatus.Skipped, taken, GraceUntil: until);
    }

    /// <param name="forApp">Answered through the step-up API: only an app's step-up is found; otherwise only the others are.</param>
    public async Task<ChallengeOutcome> VerifyAsync(RequestOrigin origin, string? challengeId, string factorType, FactorResponse response, CancellationToken cancellationToken, bool forApp = false)
    {
        var settings = config.Current.Challenge;
        var challenge = forApp ? await FindForAppAsync(challengeId, cancellationToken) : await FindAsync(challengeId, cancellationToken);
        var subject = challenge is null ? null : await LoadAsync(challenge, cancellationToken);
        if (challenge is null || subject is null)
        {
            return new ChallengeOutcome(ChallengeStatus.Expired);
        }

        var user = subject.User;

        // Counted against the user and the address before anything is checked, so that a burst of
        // parallel answers cannot all pass the limits first and be counted afterwards.
        var reservation = await regulation.ReserveAsync(origin, user, cancellationToken);
        if (ToOutcome(reservation.Refused) is { } refused)
        {
            return refused;
        }

        // Checked before the code, which a pass spends: a code must not buy an outcome that cannot be delivered.
        if (!IsDeliverable(challenge))
        {
            LogUndeliverable(logger, challenge.App, challenge.User);
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            return new ChallengeOutcome(ChallengeStatus.Undeliverable);
        }

        var attempt = await challenges.CountAttemptAsync(challenge, cancellationToken);
        if (attempt > settings.MaxFailures)
        {
            await regulation.ReleaseAsync(reservation, cancellationToken);
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            return new ChallengeOutcome(ChallengeStatus.TooManyAttempts);
        }

        var now = time.GetUtcNow();
        var enrolling = challenge.EnrolmentRequired && factorType != FactorTypes.Recovery;
        var (status, factorId, rejection, regression) = enrolling
            ? await CompleteEnrolmentAsync(origin, challenge, user, factorType, response, now, cancellationToken)
            : await VerifyFactorAsync(challenge, subject, factorType, response, now, cancellationToken);

        if (regression is { } counters)
        {
            // Always audited, whether config refused the answer or let it pass with the credential flagged.
            await audit.RecordCounterRegressionAsync(origin, challenge.Realm, challenge.User, factorId ?? string.Empty, counters.Stored, counters.Presented, refused: status != ChallengeStatus.Passed);
        }

        if (status == ChallengeStatus.Passed)
        {
            await regulation.SucceededAsync(reservation, cancellationToken);
            return await PassAsync(origin, challenge, user, factorType, factorId, enrolling, cancellationToken);
        }

        // A wrong proof while enrolling is a typo with a new app, not a guess at an existing factor:
        // only the challenge's own limit applies to it.
        if (status is ChallengeStatus.WrongCode or ChallengeStatus.CodeReused && !enrolling)
        {
            await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.ChallengeFailed, AuditOutcomes.Failure, ("factor", factorType),
                ("reason", rejection is FactorRejection.None or FactorRejection.Invalid or FactorRejection.Replayed ? status.ToString() : rejection.ToString()),
                ("consecutive", (reservation.UserCounts?.Consecutive ?? 0).ToString(CultureInfo.InvariantCulture)));
            if (await RegulateAsync(origin, challenge, reservation, cancellationToken) is { } regulated)
            {
                return regulated;
            }
        }
        else
        {
            await regulation.ReleaseAsync(reservation, cancellationToken);
        }

        var left = (int)Math.Max(0, settings.MaxFailures - attempt);
        LogChallengeFailed(logger, challenge.App, challenge.User, factorType, status, left);
        if (left == 0 && status is ChallengeStatus.WrongCode or ChallengeStatus.CodeReused)
        {
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            return new ChallengeOutcome(ChallengeStatus.TooManyAttempts);
        }

        return new ChallengeOutcome(status, AttemptsLeft: left, Rejection: rejection);
    }

    private async Task<ChallengeOutcome> PassAsync(RequestOrigin origin, PendingChallenge challenge, UserRecord user, string factorType, string? factorId, bool enrolled, CancellationToken cancellationToken)
    {
        // Taking the challenge is the commit point: a second concurrent success finds nothing.
        var taken = await challenges.TakeAsync(challenge.Id, cancellationToken);
        if (taken is null)
        {
            return new ChallengeOutcome(ChallengeStatus.Expired);
        }

        LogChallengePassed(logger, challenge.App, challenge.User, factorType, factorId);
        await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.ChallengePassed, AuditOutcomes.Success, ("factor", factorType), ("purpose", challenge.Purpose.ToString()));

        IReadOnlyList<string>? newCodes = null;
        int? codesLeft = null;
        if (enrolled && config.Current.Policies.TryGetValue(challenge.PolicyName, out var policy) && policy.RecoveryCodeCount > 0)
        {
            newCodes = await recoveryCodes.GenerateAsync(user.Id, policy.RecoveryCodeCount, cancellationToken);
            await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.RecoveryCodesGenerated, AuditOutcomes.Success, ("count", newCodes.Count.ToString(CultureInfo.InvariantCulture)));
        }

        if (factorType == FactorTypes.Recovery)
        {
            codesLeft = await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken);
            await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.RecoveryCodeUsed, AuditOutcomes.Success, ("remaining", codesLeft.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return new ChallengeOutcome(ChallengeStatus.Passed, taken, factorType, NewRecoveryCodes: newCodes, RecoveryCodesLeft: codesLeft, User: user);
    }

    /// <summary>Counts a wrong code against the user and the client; returns the lock or ban it caused, if any.</summary>
    private async Task<ChallengeOutcome?> RegulateAsync(RequestOrigin origin, PendingChallenge challenge, AttemptReservation reservation, CancellationToken cancellationToken)
    {
        var regulated = await regulation.FailedAsync(origin, reservation, cancellationToken);
        if (regulated?.Verdict == RegulationVerdict.Locked)
        {
            LogUserLocked(logger, challenge.App, challenge.User);
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
        }

        return ToOutcome(regulated);
    }

    private async Task<ChallengeOutcome?> BlockedAsync(RequestOrigin origin, UserRecord user, CancellationToken cancellationToken) =>
        ToOutcome(await regulation.BlockedAsync(origin, user, cancellationToken));

    private static ChallengeOutcome? ToOutcome(Regulated? regulated) => regulated?.Verdict switch
    {
        null => null,
        RegulationVerdict.Locked => new ChallengeOutcome(ChallengeStatus.UserLocked),
        _ => new ChallengeOutcome(ChallengeStatus.Banned, RetryAfter: regulated.RetryAfter),
    };

    private async Task<AnswerChecked> VerifyFactorAsync(
        PendingChallenge challenge, ChallengeSubject subject, string factorType, FactorResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var factor = await AvailableFactorAsync(challenge, subject, factorType, cancellationToken);
        if (factor is null)
        {
            return new(ChallengeStatus.FactorNotAvailable);
        }

        var result = await FactorDriver.VerifyAsync(factor, subject.ContextFor(challenge, factorType, now), response, cancellationToken);
        return result switch
        {
            { Verified: true } => new(ChallengeStatus.Passed, result.FactorId, CounterRegression: result.CounterRegression),
            { Rejection: FactorRejection.Replayed } => new(ChallengeStatus.CodeReused, Rejection: FactorRejection.Replayed),
            _ => new(ChallengeStatus.WrongCode, result.FactorId, result.Rejection, result.CounterRegression),
        };
    }

    /// <summary>What checking one answer found, before limits and the audit act on it.</summary>
    private readonly record struct AnswerChecked(ChallengeStatus Status, string? FactorId = null, FactorRejection Rejection = FactorRejection.None, SignCounterRegression? CounterRegression = null);

    /// <summary>The challenge's user and their factors, or null when the user is unknown here.</summary>
    private async Task<ChallengeSubject?> LoadAsync(PendingChallenge challenge, CancellationToken cancellationToken) =>
        await users.FindAsync(challenge.Realm, challenge.User, cancellationToken) is { } user
            ? new ChallengeSubject(user, await factors.ListAsync(user.Id, cancellationToken))
            : null;

    /// <summary>
    /// The implemented factors of the types the user has enrolled and the challenge allows, then
    /// recovery codes while any are left; a type with no implementation registered is not offered.
    /// </summary>
    private async Task<IReadOnlyList<IChallengeFactor>> AvailableFactorsAsync(PendingChallenge challenge, ChallengeSubject subject, CancellationToken cancellationToken)
    {
        var types = subject.Factors.Select(f => f.Type).Distinct().ToList();
        if (await recoveryCodes.CountRemainingAsync(subject.User.Id, cancellationToken) > 0)
        {
            types.Add(FactorTypes.Recovery);
        }

        return [.. types.Select(factorSet.Find).OfType<IChallengeFactor>()
            .Where(f => f.Type == FactorTypes.Recovery || challenge.AllowedFactors.Contains(f.Type))];
    }

    /// <summary>
    /// The one factor an answer names, if the user can answer with it: what <see cref="AvailableFactorsAsync(PendingChallenge, ChallengeSubject, CancellationToken)"/>
    /// would offer, but the recovery codes are counted only when the answer is one (a TOTP answer
    /// does not need them: one query less on every sign-in).
    /// </summary>
    private async Task<IChallengeFactor?> AvailableFactorAsync(PendingChallenge challenge, ChallengeSubject subject, string factorType, CancellationToken cancellationToken)
    {
        if (factorType == FactorTypes.Recovery)
        {
            return await recoveryCodes.CountRemainingAsync(subject.User.Id, cancellationToken) > 0 ? factorSet.Find(factorType) : null;
        }

        return challenge.AllowedFactors.Contains(factorType) && subject.Factors.Any(f => f.Type == factorType)
            ? factorSet.Find(factorType)
            : null;
    }

    /// <summary>
    /// The context of a first-enrolment step when the policy's FirstEnrolment lets this browser enrol
    /// this type (null when not), with the address the gateway knows for the user fixed in it.
    /// </summary>
    private async Task<(EnrolmentContext Context, EnrolmentPass Pass)?> EnrolmentContextAsync(
        PendingChallenge challenge, UserRecord user, string factorType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await KnownEmailAsync(challenge, user, cancellationToken);
        var pass = await enrolmentGate.CheckAsync(challenge, user, known, cancellationToken);
        if (!pass.Allowed || (pass.OnlyFactor is { } only && only != factorType))
        {
            return null;
        }

        return (new EnrolmentContext(challenge.ForFactors(), user, now) { KnownEmail = known }, pass);
    }

    /// <summary>The address vouched for by the identity source at sign-in, else one an administrator gave.</summary>
    private async Task<string?> KnownEmailAsync(PendingChallenge challenge, UserRecord user, CancellationToken cancellationToken)
    {
        if (challenge.KnownEmail is { } fromIdentity)
        {
            return fromIdentity;
        }

        var stored = await contacts.ReadAsync(user.Id, cancellationToken);
        return stored.TryGetValue(ContactKind.Email, out var contact) && contact.Source == ContactSource.Administrator ? contact.Address : null;
    }

    private async Task<AnswerChecked> CompleteEnrolmentAsync(
        RequestOrigin origin, PendingChallenge challenge, UserRecord user, string factorType, FactorResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var enrolment = Enrolment(challenge, factorType);
        if (enrolment is null)
        {
            return new(ChallengeStatus.FactorNotAvailable);
        }

        // Checked before the proof, and again at every step before it: without the invitation nothing is stored.
        if (await EnrolmentContextAsync(challenge, user, factorType, now, cancellationToken) is not { } context)
        {
            return new(ChallengeStatus.InvitationRequired);
        }

        var outcome = await enrolment.CompleteAsync(context.Context, response, cancellationToken);
        if (outcome.Succeeded)
        {
            await enrolmentGate.UseAsync(challenge, context.Pass, cancellationToken);
            LogFactorEnrolled(logger, challenge.App, challenge.User, factorType, outcome.Factor!.Id);
            await audit.RecordAsync(origin, challenge.Realm, challenge.User, AuditEventTypes.FactorEnrolled, AuditOutcomes.Success, ("factor", factorType), ("factor_id", outcome.Factor.Id));
        }

        return outcome.Failure switch
        {
            EnrolmentFailure.None => new(ChallengeStatus.Passed, outcome.Factor!.Id),
            EnrolmentFailure.AlreadyEnrolled => new(ChallengeStatus.AlreadyEnrolled),
            EnrolmentFailure.NotStarted => new(ChallengeStatus.Expired),
            _ => new(ChallengeStatus.WrongCode, Rejection: outcome.Rejection),
        };
    }

    /// <summary>
    /// Whether passing could be completed: the app is still configured (a reload may have removed it)
    /// and every address the user would be sent on fits a response header.
    /// </summary>
    private bool IsDeliverable(PendingChallenge challenge) =>
        config.Current.Apps.ContainsKey(challenge.App)
        && ReturnUrl.IsDeliverable(challenge.ReturnUrl)
        && (challenge.HeldBack?.Location is not { } location || ReturnUrl.IsDeliverable(location))
        && (challenge.Form is not { } form || ReturnUrl.IsDeliverable(form.Action));

    private IFactorEnrolment? Enrolment(PendingChallenge challenge, string factorType) =>
        challenge.AllowedFactors.Contains(factorType) ? enrolments.FirstOrDefault(e => e.Type == factorType) : null;

    [LoggerMessage(EventId = EventIds.ChallengeIssued, Level = LogLevel.Information, Message = "Challenge issued to {User} of {App}: {Purpose} under policy {Policy}, enrolment required: {EnrolmentRequired}")]
    private static partial void LogChallengeIssued(ILogger logger, string app, string user, ChallengePurpose purpose, string policy, bool enrolmentRequired);

    [LoggerMessage(EventId = EventIds.ChallengePassed, Level = LogLevel.Information, Message = "Challenge passed by {User} of {App} with {FactorType} factor {FactorId}")]
    private static partial void LogChallengePassed(ILogger logger, string app, string user, string factorType, string? factorId);

    [LoggerMessage(EventId = EventIds.ChallengeFailed, Level = LogLevel.Warning, Message = "Challenge failed for {User} of {App} with {FactorType}: {Status}, {AttemptsLeft} attempts left")]
    private static partial void LogChallengeFailed(ILogger logger, string app, string user, string factorType, ChallengeStatus status, int attemptsLeft);

    [LoggerMessage(EventId = EventIds.UserLocked, Level = LogLevel.Warning, Message = "User {User} of {App} locked after too many consecutive wrong codes")]
    private static partial void LogUserLocked(ILogger logger, string app, string user);

    [LoggerMessage(EventId = EventIds.ChallengeUndeliverable, Level = LogLevel.Warning, Message = "Challenge of {User} of {App} closed unanswered: its app is no longer configured or its return address cannot be sent")]
    private static partial void LogUndeliverable(ILogger logger, string app, string user);

    [LoggerMessage(EventId = EventIds.FactorEnrolled, Level = LogLevel.Information, Message = "User {User} of {App} enrolled a {FactorType} factor {FactorId}")]
    private static partial void LogFactorEnrolled(ILogger logger, string app, string user, string factorType, string factorId);
}
