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

    /// <summary>Adds another factor for a user who already has one (after a fresh MFA).</summary>
    Task AddAsync(FactorRecord factor, CancellationToken cancellationToken);

    /// <summary>Removes one factor; if it was primary, the oldest remaining one becomes primary.</summary>
    Task<bool> RemoveAsync(long userId, string factorId, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="RemoveAsync"/>, but only while the user has another factor, atomically: removing the
    /// last one turns MFA off, which needs a code, so two parallel removals must not get there unasked.
    /// </summary>
    Task<bool> RemoveUnlessLastAsync(long userId, string factorId, CancellationToken cancellationToken);

    Task<int> RemoveAllAsync(long userId, CancellationToken cancellationToken);

    Task<bool> RenameAsync(long userId, string factorId, string name, CancellationToken cancellationToken);

    Task<bool> SetPrimaryAsync(long userId, string factorId, CancellationToken cancellationToken);

    /// <summary>Records that the factor just passed a challenge (factors without a time step: sent codes); false when it no longer exists.</summary>
    Task<bool> MarkUsedAsync(string factorId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="timeStep"/> as used if it is later than the last used step; false
    /// otherwise. Atomic, so of two parallel submissions of one code exactly one succeeds.
    /// </summary>
    Task<bool> TryAdvanceTimeStepAsync(string factorId, long timeStep, DateTimeOffset now, CancellationToken cancellationToken);
}
