namespace MfaGateway.Storage;

/// <summary>
/// Durable record of ended gateway sessions, so that an ended session stays ended across restarts and
/// is seen by every process sharing the store (the command line, other gateway instances). Gateway
/// sessions are stateless tokens: ending one means remembering it here until it would have expired.
/// </summary>
public interface ISessionEndStore
{
    /// <summary>
    /// Ends every session of the user issued so far: the user's session epoch goes up by one, atomically,
    /// and the change is logged for other processes. Creates the user record if needed.
    /// </summary>
    /// <returns>The new epoch: sessions carrying a lower one are ended.</returns>
    Task<SessionEnd> EndAllAsync(string realm, string userName, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken);

    /// <summary>Ends one session (a sign-out) until <paramref name="expiresAt"/>, when its token expires anyway.</summary>
    Task<SessionEnd> EndOneAsync(string realm, string userName, string sessionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Every user whose epoch is above zero: loaded into memory at start-up.</summary>
    Task<IReadOnlyList<SessionEnd>> ListEpochsAsync(CancellationToken cancellationToken);

    /// <summary>Ends recorded after <paramref name="afterSequence"/> that have not expired, oldest first.</summary>
    Task<IReadOnlyList<SessionEnd>> ListSinceAsync(long afterSequence, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets ends whose sessions have expired anyway; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <param name="Sequence">Position in the store's log of ends; 0 for a start-up epoch.</param>
/// <param name="SessionId">The one session ended, or null when every session below <paramref name="Epoch"/> was.</param>
public sealed record SessionEnd(long Sequence, string Realm, string UserName, string? SessionId, long Epoch, DateTimeOffset ExpiresAt);
