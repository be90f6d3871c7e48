using System.Collections.Concurrent;
using MfaGateway.Configuration;
using MfaGateway.Storage;

namespace MfaGateway.PasswordChanges;

/// <summary>
/// Password changes within the risk window, in memory, so that a live session made before a change
/// stops satisfying RiskBased policies on its next request without a store round trip. Loaded from
/// the store at start-up (so a restart does not forget a change) and kept current by
/// <see cref="PasswordChangeRecorder"/>.
/// </summary>
public sealed class RecentPasswordChanges(IUserStore users, GatewayConfigMonitor configMonitor, TimeProvider time) : IHostedService
{
    private readonly ConcurrentDictionary<(string Realm, string User), DateTimeOffset> _changes = new();

    /// <summary>
    /// When the user's password last changed, if within the window before <paramref name="now"/>. One
    /// lock-free dictionary lookup (IsEmpty is not asked first: on an empty ConcurrentDictionary it
    /// takes every lock, on every proxied request). Whether that change counts against a session is
    /// the access decision's to say.
    /// </summary>
    public DateTimeOffset? LatestWithin(string realm, string user, DateTimeOffset now, TimeSpan window)
    {
        if (!_changes.TryGetValue((realm, user), out var at))
        {
            return null;
        }

        if (at <= now - window)
        {
            _changes.TryRemove(KeyValuePair.Create((realm, user), at)); // outside the window: forget it
            return null;
        }

        return at;
    }

    public void Add(string realm, string user, DateTimeOffset at) =>
        _changes.AddOrUpdate((realm, user), at, (_, existing) => existing > at ? existing : at);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - configMonitor.Current.Risk.PasswordChangeWindow;
        foreach (var change in await users.ListPasswordChangesSinceAsync(since, cancellationToken))
        {
            Add(change.Realm, change.UserName, change.At);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
