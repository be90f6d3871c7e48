using MfaGateway.Storage;

namespace MfaGateway.Tests.Challenges;

/// <summary>The gateway's factor store, counting how often a user's factors are listed.</summary>
public sealed class CountingFactorStore(IFactorStore inner) : IFactorStore
{
    private int _lists;

    public int Lists => Volatile.Read(ref _lists);

    public Task<IReadOnlyList<FactorRecord>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(userId, cancellationToken);
    }

    public Task<bool> AddFirstAsync(FactorRecord factor, CancellationToken cancellationToken) => inner.AddFirstAsync(factor, cancellationToken);

    public Task AddAsync(FactorRecord factor, CancellationToken cancellationToken) => inner.AddAsync(factor, cancellationToken);

    public Task<bool> MarkUsedAsync(string factorId, DateTimeOffset now, CancellationToken cancellationToken) => inner.MarkUsedAsync(factorId, now, cancellationToken);

    public Task<bool> RemoveAsync(long userId, string factorId, CancellationToken cancellationToken) => inner.RemoveAsync(userId, factorId, cancellationToken);

    public Task<bool> RemoveUnlessLastAsync(long userId, string factorId, CancellationToken cancellationToken) => inner.RemoveUnlessLastAsync(userId, factorId, cancellationToken);

    public Task<int> RemoveAllAsync(long userId, CancellationToken cancellationToken) => inner.RemoveAllAsync(userId, cancellationToken);

    public Task<bool> RenameAsync(long userId, string factorId, string name, CancellationToken cancellationToken) => inner.RenameAsync(userId, factorId, name, cancellationToken);

    public Task<bool> SetPrimaryAsync(long userId, string factorId, CancellationToken cancellationToken) => inner.SetPrimaryAsync(userId, factorId, cancellationToken);

    public Task<bool> TryAdvanceTimeStepAsync(string factorId, long timeStep, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TryAdvanceTimeStepAsync(factorId, timeStep, now, cancellationToken);
}
