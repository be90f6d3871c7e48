using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;

namespace MfaGateway.Tests.Storage;

/// <summary>The counters regulation rests on refuse, atomically, to count past a limit.</summary>
public sealed class RegulationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly TemporaryDatabase _store = new();
    private readonly SqliteClientRegulationStore _clients;

    public RegulationStoreTests() => _clients = new SqliteClientRegulationStore(_store.Database);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Thirty_parallel_user_attempts_against_a_window_limit_of_ten_count_ten()
    {
        var alice = await _store.Users.GetOrCreateAsync("bank", "alice", Now, default);

        var counts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() =>
            _store.Users.CountAttemptAsync(alice.Id, Now, Window, maxInWindow: 10, maxConsecutive: 100, default))));

        Assert.Equal(Enumerable.Range(1, 10), counts.OfType<FailureCounts>().Select(c => c.InWindow).Order());
        Assert.Equal(10, (await _store.Users.FindAsync("bank", "alice", default))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Thirty_parallel_user_attempts_against_a_lock_of_twelve_count_twelve()
    {
        var alice = await _store.Users.GetOrCreateAsync("bank", "alice", Now, default);

        var counts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() =>
            _store.Users.CountAttemptAsync(alice.Id, Now, Window, maxInWindow: int.MaxValue, maxConsecutive: 12, default))));

        Assert.Equal(12, counts.Count(c => c is not null));
    }

    [Fact]
    public async Task A_banned_user_is_not_counted_and_gets_a_fresh_window_after_the_ban()
    {
        var alice = await _store.Users.GetOrCreateAsync("bank", "alice", Now, default);
        await _store.Users.CountAttemptAsync(alice.Id, Now, Window, 2, 100, default);
        await _store.Users.CountAttemptAsync(alice.Id, Now, Window, 2, 100, default);
        await _store.Users.BanAsync(alice.Id, Now.AddMinutes(5), default);

        Assert.Null(await _store.Users.CountAttemptAsync(alice.Id, Now.AddMinutes(1), Window, 2, 100, default));
        var after = await _store.Users.CountAttemptAsync(alice.Id, Now.AddMinutes(6), Window, 2, 100, default);
        Assert.Equal(new FailureCounts(3, 1), after);

        await _store.Users.ReleaseAttemptAsync(alice.Id, default);
        await _store.Users.ReleaseAttemptAsync(alice.Id, default);
        Assert.Equal(1, (await _store.Users.FindAsync("bank", "alice", default))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Thirty_parallel_client_attempts_against_a_limit_of_ten_count_ten_and_a_ban_stops_all()
    {
        var alice = await _store.Users.GetOrCreateAsync("bank", "alice", Now, default);

        var counts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() =>
            _clients.CountAttemptAsync("192.0.2.7", alice.Id, Now, Window, 10, default))));
        Assert.Equal(Enumerable.Range(1, 10), counts.OfType<int>().Order());

        await _clients.ReleaseAttemptAsync("192.0.2.7", default);
        Assert.Equal(10, await _clients.CountAttemptAsync("192.0.2.7", alice.Id, Now, Window, 10, default));

        await _clients.BanAsync("192.0.2.7", Now.AddMinutes(15), default);
        Assert.Null(await _clients.CountAttemptAsync("192.0.2.7", alice.Id, Now.AddMinutes(1), Window, 10, default));
        Assert.Equal(Now.AddMinutes(15), await _clients.BannedUntilAsync("192.0.2.7", Now, default));
        Assert.Null(await _clients.BannedUntilAsync("198.51.100.1", Now, default));
    }

    [Fact]
    public async Task Lifting_a_users_client_bans_frees_only_the_addresses_that_user_tried_from()
    {
        var alice = await _store.Users.GetOrCreateAsync("bank", "alice", Now, default);
        var bob = await _store.Users.GetOrCreateAsync("bank", "bob", Now, default);
        await _clients.CountAttemptAsync("192.0.2.7", alice.Id, Now, Window, 10, default);
        await _clients.CountAttemptAsync("198.51.100.1", bob.Id, Now, Window, 10, default);
        await _clients.BanAsync("192.0.2.7", Now.AddMinutes(15), default);
        await _clients.BanAsync("198.51.100.1", Now.AddMinutes(15), default);

        var lifted = await _clients.LiftForUserAsync(alice.Id, Now, default);

        Assert.Equal(["192.0.2.7"], lifted);
        Assert.Null(await _clients.BannedUntilAsync("192.0.2.7", Now, default));
        Assert.NotNull(await _clients.BannedUntilAsync("198.51.100.1", Now, default));
        Assert.Equal(1, await _clients.CountAttemptAsync("192.0.2.7", alice.Id, Now, Window, 10, default));
    }
}
