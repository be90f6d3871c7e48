namespace MfaGateway.Storage;

/// <summary>Durable user records. Users are keyed by realm and normalised user name.</summary>
public interface IUserStore
{
    Task<UserRecord> GetOrCreateAsync(string realm, string userName, DateTimeOffset now, CancellationToken cancellationToken);

    Task<UserRecord?> FindAsync(string realm, string userName, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one more attempt at a code before it is checked, in one atomic step, but only while the
    /// user is within every limit: not banned, fewer than <paramref name="maxConsecutive"/> failures in a
    /// row and fewer than <paramref name="maxInWindow"/> within <paramref name="window"/> (which restarts
    /// at 1 when the previous window has passed). Null when refused: nothing was counted.
    /// </summary>
    Task<FailureCounts?> CountAttemptAsync(long userId, DateTimeOffset now, TimeSpan window, int maxInWindow, int maxConsecutive, CancellationToken cancellationToken);

    /// <summary>A counted attempt that was not a wrong code after all: both counts one back, never below zero.</summary>
    Task ReleaseAttemptAsync(long userId, CancellationToken cancellationToken);

    /// <summary>A success: both failure counts back to zero.</summary>
    Task ResetFailuresAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Bans until <paramref name="until"/>; the window count starts again, so the user gets a full window after the ban.</summary>
    Task BanAsync(long userId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>An administrator's unlock: failure counts cleared and any ban lifted.</summary>
    Task UnlockAsync(long userId, CancellationToken cancellationToken);

    Task SetMfaRequiredAsync(long userId, bool required, CancellationToken cancellationToken);

    /// <summary>The app changed the user's password (seen by the gateway or reported through the admin API).</summary>
    Task SetPasswordChangedAsync(long userId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Users whose password changed after <paramref name="since"/>: reloaded into memory at start-up.</summary>
    Task<IReadOnlyList<PasswordChange>> ListPasswordChangesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

public sealed record PasswordChange(string Realm, string UserName, DateTimeOffset At);
