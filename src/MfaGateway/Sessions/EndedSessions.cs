using System.Collections.Concurrent;
using MfaGateway.Storage;

namespace MfaGateway.Sessions;

/// <summary>
/// Which gateway sessions have been ended, in memory, so the proxied path needs no store round trip:
/// each user's session epoch (every session issued under a lower one is ended) and the ids of single
/// sessions ended by a sign-out. Filled from the store at start-up and by <see cref="EndedSessionsRefresher"/>,
/// and at once by ends made in this process. Entries only ever move towards "ended".
/// </summary>
public sealed class EndedSessions
{
    private readonly ConcurrentDictionary<(string Realm, string User), long> _epochs = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _endedIds = new(StringComparer.Ordinal);

    /// <summary>Raised after every change, so a session found live at this value needs no lookup until it moves.</summary>
    private long _generation;

    /// <summary>The epoch a session issued now for this user carries.</summary>
    public long CurrentEpoch(string realm, string user) => _epochs.TryGetValue((realm, user), out var epoch) ? epoch : 0;

    /// <summary>
    /// Whether the session has been ended. A session found live is remembered as live at the current
    /// generation, so while nothing is ended anywhere a request costs one volatile read.
    /// </summary>
    public bool IsEnded(string realm, VouchedSession vouched)
    {
        var generation = Volatile.Read(ref _generation);
        if (vouched.LiveAtGeneration == generation)
        {
            return false;
        }

        if (IsEnded(realm, vouched.Session))
        {
            return true;
        }

        vouched.LiveAtGeneration = generation;
        return false;
    }

    /// <summary>The same check without the shortcut, for a session not read from a request.</summary>
    public bool IsEnded(string realm, GatewaySession session) =>
        (session.Epoch ?? 0) < CurrentEpoch(realm, session.User) || _endedIds.ContainsKey(session.Id);

    /// <summary>Whether a session of this user issued under <paramref name="epoch"/> would be ended now.</summary>
    public bool IsEpochEnded(string realm, string user, long epoch) => epoch < CurrentEpoch(realm, user);

    public void Apply(SessionEnd end)
    {
        if (end.SessionId is { } id)
        {
            _endedIds[id] = end.ExpiresAt;
        }
        else
        {
            _epochs.AddOrUpdate((end.Realm, end.UserName), end.Epoch, (_, known) => Math.Max(known, end.Epoch));
        }

        Interlocked.Increment(ref _generation);
    }

    /// <summary>Ended ids whose tokens have expired are forgotten: an expired token is refused on its own.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (id, expiresAt) in _endedIds)
        {
            if (expiresAt <= now)
            {
                _endedIds.TryRemove(KeyValuePair.Create(id, expiresAt));
            }
        }
    }
}
