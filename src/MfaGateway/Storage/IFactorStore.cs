namespace MfaGateway.Storage;

/// <summary>Durable authentication factors.</summary>
public interface IFactorStore
{
    Task<IReadOnlyList<FactorRecord>> ListAsync(long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the user's first factor; false when the user already has one. Enrolment without an
    /// existing MFA is only allowed for the first factor, so this check must be atomic.
    /// </summary>
    Task<bool> AddFirstAsync(FactorRecord factor, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="timeStep"/> as used if it is later than the last used step; false
    /// otherwise. Atomic, so of two parallel submissions of one code exactly one succeeds.
    /// </summary>
    Task<bool> TryAdvanceTimeStepAsync(string factorId, long timeStep, DateTimeOffset now, CancellationToken cancellationToken);
}
