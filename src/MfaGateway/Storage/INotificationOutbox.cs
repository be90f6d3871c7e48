namespace MfaGateway.Storage;

/// <summary>A notification waiting to be sent, its message sealed (it holds the user's address).</summary>
/// <param name="Attempts">Sending attempts so far, this claim included.</param>
public sealed record OutboxEntry(string Id, string Realm, string User, string Kind, string Channel, byte[] SealedMessage, DateTimeOffset CreatedAt, int Attempts);

/// <summary>
/// The durable notification outbox: a notification is written here in the request that caused it and
/// sent later by the dispatcher, so a slow or failing mail server never holds up or fails a sign-in,
/// and a restart loses nothing.
/// </summary>
public interface INotificationOutbox
{
    Task EnqueueAsync(OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Due entries, leased until <paramref name="leaseUntil"/> in the same statement that selects them:
    /// two dispatchers (or instances) never both send one, and a dispatcher that dies mid-send lets
    /// the entry come back when its lease ends.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    Task DeliveredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    Task RetryAsync(string id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>No more attempts: kept with its last error (for operators), never sent.</summary>
    Task GiveUpAsync(string id, DateTimeOffset now, string error, CancellationToken cancellationToken);

    /// <summary>The soonest time an undelivered entry is due, if any (for the dispatcher's next wake-up).</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}
