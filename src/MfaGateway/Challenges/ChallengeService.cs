using MfaGateway.Configuration;
using MfaGateway.Factors;
using MfaGateway.Storage;

namespace MfaGateway.Challenges;

/// <summary>
/// Opens challenges and checks answers. Attempt limits: each challenge allows
/// <see cref="ChallengeSettings.MaxFailures"/> answers in total (counted atomically before checking,
/// so parallel guesses cannot exceed it), and each user at most
/// <see cref="ChallengeSettings.MaxConsecutiveUserFailures"/> wrong codes in a row across all
/// challenges and restarts.
/// </summary>
public sealed partial class ChallengeService(
    ChallengeStore challenges,
    IUserStore users,
    IFactorStore factors,
    IEnumerable<IMfaFactor> factorTypes,
    IEnumerable<IFactorEnrolment> enrolments,
    GatewayConfigMonitor config,
    TimeProvider time,
    ILogger<ChallengeService> logger)
{
    public async Task<PendingChallenge> CreateAsync(ChallengeRequest request, CancellationToken cancellationToken)
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
            ReturnUrl = ReturnUrl.IsLocal(request.ReturnUrl) ? request.ReturnUrl : "/",
            SessionBinding = request.SessionBinding,
            EnrolmentRequired = enrolled.Count == 0,
            HeldBack = request.HeldBack,
            Form = request.Form,
            CreatedAt = now,
            ExpiresAt = now + config.Current.Challenge.Lifetime,
        };
        await challenges.SaveAsync(challenge, cancellationToken);
        LogChallengeIssued(logger, challenge.App, challenge.User, challenge.Purpose, challenge.PolicyName, challenge.EnrolmentRequired);
        return challenge;
    }

    public Task<PendingChallenge?> FindAsync(string? id, CancellationToken cancellationToken) => challenges.FindAsync(id, cancellationToken);

    /// <summary>Factor types the user can answer this challenge with, in display order.</summary>
    public async Task<IReadOnlyList<IMfaFactor>> AvailableFactorsAsync(PendingChallenge challenge, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (user is null)
        {
            return [];
        }

        var types = (await factors.ListAsync(user.Id, cancellationToken)).Select(f => f.Type).ToHashSet(StringComparer.Ordinal);
        return [.. factorTypes.Where(f => types.Contains(f.Type) && challenge.AllowedFactors.Contains(f.Type))];
    }

    /// <summary>
    /// Starts answering with one factor: nothing to do for TOTP; sends a code (SMS, e-mail) or issues
    /// assertion options (WebAuthn) for factors that need it. Null when the factor cannot be used here.
    /// </summary>
    public async Task<FactorPrompt?> BeginAsync(PendingChallenge challenge, IMfaFactor factor, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (user is null || !challenge.AllowedFactors.Contains(factor.Type))
        {
            return null;
        }

        var enrolled = (await factors.ListAsync(user.Id, cancellationToken)).Where(f => f.Type == factor.Type).ToList();
        return enrolled.Count == 0 ? null : await factor.BeginAsync(new FactorContext(challenge, user, enrolled, time.GetUtcNow()), cancellationToken);
    }

    public async Task<bool> IsUserLockedAsync(PendingChallenge challenge, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        return user is not null && user.ConsecutiveFailures >= config.Current.Challenge.MaxConsecutiveUserFailures;
    }

    public async Task<EnrolmentPrompt?> StartEnrolmentAsync(PendingChallenge challenge, string factorType, CancellationToken cancellationToken)
    {
        var enrolment = Enrolment(challenge, factorType);
        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (enrolment is null || user is null || !challenge.EnrolmentRequired)
        {
            return null;
        }

        return await enrolment.StartAsync(new EnrolmentContext(challenge, user, time.GetUtcNow()), cancellationToken);
    }

    public async Task<ChallengeOutcome> VerifyAsync(string? challengeId, string factorType, FactorResponse response, CancellationToken cancellationToken)
    {
        var settings = config.Current.Challenge;
        var challenge = await challenges.FindAsync(challengeId, cancellationToken);
        if (challenge is null)
        {
            return new ChallengeOutcome(ChallengeStatus.Expired);
        }

        var user = await users.FindAsync(challenge.Realm, challenge.User, cancellationToken);
        if (user is null)
        {
            return new ChallengeOutcome(ChallengeStatus.Expired);
        }

        if (user.ConsecutiveFailures >= settings.MaxConsecutiveUserFailures)
        {
            return new ChallengeOutcome(ChallengeStatus.UserLocked);
        }

        var attempt = await challenges.CountAttemptAsync(challenge, cancellationToken);
        if (attempt > settings.MaxFailures)
        {
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            return new ChallengeOutcome(ChallengeStatus.TooManyAttempts);
        }

        var now = time.GetUtcNow();
        var (status, factorId) = challenge.EnrolmentRequired
            ? await CompleteEnrolmentAsync(challenge, user, factorType, response, now, cancellationToken)
            : await VerifyFactorAsync(challenge, user, factorType, response, now, cancellationToken);

        if (status == ChallengeStatus.Passed)
        {
            await users.ResetFailuresAsync(user.Id, cancellationToken);

            // Taking the challenge is the commit point: a second concurrent success finds nothing.
            var taken = await challenges.TakeAsync(challenge.Id, cancellationToken);
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            if (taken is null)
            {
                return new ChallengeOutcome(ChallengeStatus.Expired);
            }

            LogChallengePassed(logger, challenge.App, challenge.User, factorType, factorId);
            return new ChallengeOutcome(ChallengeStatus.Passed, taken, factorType);
        }

        if (status is ChallengeStatus.WrongCode or ChallengeStatus.CodeReused && !challenge.EnrolmentRequired)
        {
            var consecutive = await users.RecordFailureAsync(user.Id, now, cancellationToken);
            if (consecutive >= settings.MaxConsecutiveUserFailures)
            {
                LogUserLocked(logger, challenge.App, challenge.User, consecutive);
                await challenges.DeleteAsync(challenge.Id, cancellationToken);
                return new ChallengeOutcome(ChallengeStatus.UserLocked);
            }
        }

        var left = (int)Math.Max(0, settings.MaxFailures - attempt);
        LogChallengeFailed(logger, challenge.App, challenge.User, factorType, status, left);
        if (left == 0 && status is ChallengeStatus.WrongCode or ChallengeStatus.CodeReused)
        {
            await challenges.DeleteAsync(challenge.Id, cancellationToken);
            return new ChallengeOutcome(ChallengeStatus.TooManyAttempts);
        }

        return new ChallengeOutcome(status, AttemptsLeft: left);
    }

    private async Task<(ChallengeStatus, string?)> VerifyFactorAsync(
        PendingChallenge challenge, UserRecord user, string factorType, FactorResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var factor = factorTypes.FirstOrDefault(f => f.Type == factorType);
        var userFactors = (await factors.ListAsync(user.Id, cancellationToken)).Where(f => f.Type == factorType).ToList();
        if (factor is null || userFactors.Count == 0 || !challenge.AllowedFactors.Contains(factorType))
        {
            return (ChallengeStatus.FactorNotAvailable, null);
        }

        var result = await factor.VerifyAsync(new FactorContext(challenge, user, userFactors, now), response, cancellationToken);
        return result switch
        {
            { Verified: true } => (ChallengeStatus.Passed, result.FactorId),
            { Rejection: FactorRejection.Replayed } => (ChallengeStatus.CodeReused, null),
            _ => (ChallengeStatus.WrongCode, null),
        };
    }

    private async Task<(ChallengeStatus, string?)> CompleteEnrolmentAsync(
        PendingChallenge challenge, UserRecord user, string factorType, FactorResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var enrolment = Enrolment(challenge, factorType);
        if (enrolment is null)
        {
            return (ChallengeStatus.FactorNotAvailable, null);
        }

        var outcome = await enrolment.CompleteAsync(new EnrolmentContext(challenge, user, now), response, cancellationToken);
        if (outcome.Succeeded)
        {
            LogFactorEnrolled(logger, challenge.App, challenge.User, factorType, outcome.Factor!.Id);
        }

        return outcome.Failure switch
        {
            EnrolmentFailure.None => (ChallengeStatus.Passed, outcome.Factor!.Id),
            EnrolmentFailure.AlreadyEnrolled => (ChallengeStatus.AlreadyEnrolled, null),
            EnrolmentFailure.NotStarted => (ChallengeStatus.Expired, null),
            _ => (ChallengeStatus.WrongCode, null),
        };
    }

    private IFactorEnrolment? Enrolment(PendingChallenge challenge, string factorType) =>
        challenge.AllowedFactors.Contains(factorType) ? enrolments.FirstOrDefault(e => e.Type == factorType) : null;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Challenge issued to {User} of {App}: {Purpose} under policy {Policy}, enrolment required: {EnrolmentRequired}")]
    private static partial void LogChallengeIssued(ILogger logger, string app, string user, ChallengePurpose purpose, string policy, bool enrolmentRequired);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Challenge passed by {User} of {App} with {FactorType} factor {FactorId}")]
    private static partial void LogChallengePassed(ILogger logger, string app, string user, string factorType, string? factorId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Challenge failed for {User} of {App} with {FactorType}: {Status}, {AttemptsLeft} attempts left")]
    private static partial void LogChallengeFailed(ILogger logger, string app, string user, string factorType, ChallengeStatus status, int attemptsLeft);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "User {User} of {App} locked after {Failures} consecutive wrong codes")]
    private static partial void LogUserLocked(ILogger logger, string app, string user, int failures);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "User {User} of {App} enrolled a {FactorType} factor {FactorId}")]
    private static partial void LogFactorEnrolled(ILogger logger, string app, string user, string factorType, string factorId);
}
