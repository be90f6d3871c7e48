namespace MfaGateway.Storage;

/// <summary>Durable user records. Users are keyed by realm and normalised user name.</summary>
public interface IUserStore
{
    Task<UserRecord> GetOrCreateAsync(string realm, string userName, DateTimeOffset now, CancellationToken cancellationToken);

    Task<UserRecord?> FindAsync(string realm, string userName, CancellationToken cancellationToken);

    /// <summary>Counts one more wrong code and returns the new consecutive count (atomic).</summary>
    Task<int> RecordFailureAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task ResetFailuresAsync(long userId, CancellationToken cancellationToken);
}
