namespace MfaGateway.Storage;

/// <summary>
/// Short-lived shared state (pending challenges, attempt counters, session bindings). Every
/// operation is atomic and maps onto one Redis command: SET PX, GET, GETDEL, DEL, INCR + PEXPIRE.
/// </summary>
public interface IEphemeralStore
{
    ValueTask SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a value that belongs to <paramref name="owner"/>: the owner's oldest entries beyond its
    /// quota are removed, and owned entries are what gives way when the store is full (oldest first).
    /// Unowned entries (counters) are never removed before they expire.
    /// </summary>
    ValueTask SetAsync(string key, byte[] value, TimeSpan timeToLive, EphemeralOwner owner, CancellationToken cancellationToken);

    ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Gets and deletes in one step: of two concurrent callers only one receives the value.</summary>
    ValueTask<byte[]?> TakeAsync(string key, CancellationToken cancellationToken);

    ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Adds one and returns the new value; a new counter starts at 1 and lives for <paramref name="timeToLive"/>.</summary>
    ValueTask<long> IncrementAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken);
}
