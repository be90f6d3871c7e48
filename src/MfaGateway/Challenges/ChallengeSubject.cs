using MfaGateway.Factors;
using MfaGateway.Storage;

namespace MfaGateway.Challenges;

/// <summary>
/// The challenged user and their enrolled factors, read once per <see cref="ChallengeService"/> call
/// and handed to every step of it, so one answer costs one user and one factor lookup.
/// </summary>
internal sealed record ChallengeSubject(UserRecord User, IReadOnlyList<FactorRecord> Factors)
{
    public FactorContext ContextFor(PendingChallenge challenge, string factorType, DateTimeOffset now) =>
        new(challenge.ForFactors(), User, [.. Factors.Where(f => f.Type == factorType)], now);
}
