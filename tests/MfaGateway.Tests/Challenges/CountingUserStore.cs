using MfaGateway.Storage;

namespace MfaGateway.Tests.Challenges;

/// <summary>The gateway's user store, counting how often a user is looked up.</summary>
public sealed class CountingUserStore(IUserStore inner) : IUserStore
{
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public Task<UserRecord> GetOrCreateAsync(string realm, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return inner.GetOrCreateAsync(realm, userName, now, cancellationToken);
    }

    public Task<UserRecord?> FindAsync(string realm, string userName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return inner.FindAsync(realm, userName, cancellationToken);
    }

    public Task<FailureCounts?> CountAttemptAsync(long userId, DateTimeOffset now, TimeSpan window, int maxInWindow, int maxConsecutive, CancellationToken cancellationToken) =>
        inner.CountAttemptAsync(userId, now, window, maxInWindow, maxConsecutive, cancellationToken);

    public Task ReleaseAttemptAsync(long userId, CancellationToken cancellationToken) => inner.ReleaseAttemptAsync(userId, cancellationToken);

    public Task ResetFailuresAsync(long userId, CancellationToken cancellationToken) => inner.ResetFailuresAsync(userId, cancellationToken);

    public Task BanAsync(long userId, DateTimeOffset until, CancellationToken cancellationToken) => inner.BanAsync(userId, until, cancellationToken);

    public Task UnlockAsync(long userId, CancellationToken cancellationToken) => inner.UnlockAsync(userId, cancellationToken);

    public Task SetMfaRequiredAsync(long userId, bool required, CancellationToken cancellationToken) => inner.SetMfaRequiredAsync(userId, required, cancellationToken);

    public Task SetPasswordChangedAsync(long userId, DateTimeOffset at, CancellationToken cancellationToken) => inner.SetPasswordChangedAsync(userId, at, cancellationToken);

    public Task<IReadOnlyList<PasswordChange>> ListPasswordChangesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.ListPasswordChangesSinceAsync(since, cancellationToken);
}
