using MfaGateway.Storage;
using MfaGateway.Storage.InMemory;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Storage;

public sealed class InMemoryEphemeralStoreTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEphemeralStore _store;

    public InMemoryEphemeralStoreTests() => _store = new InMemoryEphemeralStore(_time);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Value_lives_until_its_time_to_live_and_not_a_moment_longer()
    {
        await _store.SetAsync("k", [1, 2, 3], Ttl, default);

        Assert.Equal([1, 2, 3], await _store.GetAsync("k", default));
        _time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 2, 3], await _store.GetAsync("k", default));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await _store.GetAsync("k", default));
        Assert.Null(await _store.TakeAsync("k", default));
        Assert.False(await _store.DeleteAsync("k", default));
    }

    [Fact]
    public async Task Setting_again_replaces_the_value_and_its_expiry()
    {
        await _store.SetAsync("k", [1], Ttl, default);
        _time.Advance(TimeSpan.FromMinutes(4));
        await _store.SetAsync("k", [2], Ttl, default);
        _time.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal([2], await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task Missing_key_reads_as_null()
    {
        Assert.Null(await _store.GetAsync("nothing", default));
        Assert.Null(await _store.TakeAsync("nothing", default));
        Assert.False(await _store.DeleteAsync("nothing", default));
    }

    [Fact]
    public async Task Keys_are_case_sensitive()
    {
        await _store.SetAsync("Key", [1], Ttl, default);

        Assert.Null(await _store.GetAsync("key", default));
    }

    [Fact]
    public async Task Take_returns_the_value_once()
    {
        await _store.SetAsync("k", [7], Ttl, default);

        Assert.Equal([7], await _store.TakeAsync("k", default));
        Assert.Null(await _store.TakeAsync("k", default));
        Assert.Null(await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task Of_fifty_concurrent_takes_exactly_one_gets_the_value()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = $"challenge-{round}";
            await _store.SetAsync(key, [42], Ttl, default);
            using var start = new ManualResetEventSlim();
            var takes = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await _store.TakeAsync(key, default);
            })).ToList();

            start.Set();
            var results = await Task.WhenAll(takes);

            Assert.Single(results, r => r is not null);
        }
    }

    [Fact]
    public async Task Delete_reports_whether_a_live_value_was_removed()
    {
        await _store.SetAsync("k", [1], Ttl, default);

        Assert.True(await _store.DeleteAsync("k", default));
        Assert.False(await _store.DeleteAsync("k", default));
        Assert.Null(await _store.GetAsync("k", default));
    }

    [Fact]
    public async Task Increment_starts_at_one_counts_and_restarts_after_expiry()
    {
        Assert.Equal(1, await _store.IncrementAsync("n", Ttl, default));
        Assert.Equal(2, await _store.IncrementAsync("n", Ttl, default));
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.Equal(3, await _store.IncrementAsync("n", Ttl, default)); // counting does not extend the window

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _store.IncrementAsync("n", Ttl, default));
        Assert.Equal(2, await _store.IncrementAsync("n", Ttl, default));
    }

    [Fact]
    public async Task Counters_are_independent_per_key()
    {
        await _store.IncrementAsync("a", Ttl, default);
        await _store.IncrementAsync("a", Ttl, default);

        Assert.Equal(1, await _store.IncrementAsync("b", Ttl, default));
        Assert.Equal(3, await _store.IncrementAsync("a", Ttl, default));
    }

    [Fact]
    public async Task Hundred_concurrent_increments_end_at_hundred()
    {
        using var start = new ManualResetEventSlim();
        var increments = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _store.IncrementAsync("n", Ttl, default);
        })).ToList();

        start.Set();
        var results = await Task.WhenAll(increments);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), results.Order());
        Assert.Equal(101, await _store.IncrementAsync("n", Ttl, default));
    }

    [Fact]
    public async Task Expired_entries_are_swept_once_a_minute()
    {
        await _store.SetAsync("short", [1], TimeSpan.FromSeconds(30), default);
        await _store.SetAsync("long", [2], TimeSpan.FromMinutes(10), default);
        await _store.IncrementAsync("counter", TimeSpan.FromSeconds(10), default);
        Assert.Equal(3, _store.Count);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, _store.Count);
        Assert.Equal([2], await _store.GetAsync("long", default));
    }

    [Fact]
    public async Task An_owner_keeps_its_newest_entries_up_to_its_quota()
    {
        var alice = new EphemeralOwner("challenges:bank:alice", 3);
        for (var n = 0; n < 10_000; n++)
        {
            await _store.SetAsync($"challenge:{n}", new byte[100], Ttl, alice, default);
        }

        await _store.SetAsync("challenge:bob", new byte[100], Ttl, new EphemeralOwner("challenges:bank:bob", 3), default);

        Assert.Equal(4, _store.Count);
        Assert.Null(await _store.GetAsync("challenge:9996", default));
        Assert.NotNull(await _store.GetAsync("challenge:9997", default));
        Assert.NotNull(await _store.GetAsync("challenge:9999", default));
        Assert.NotNull(await _store.GetAsync("challenge:bob", default));
    }

    [Fact]
    public async Task A_full_store_lets_the_oldest_owned_entries_go_and_keeps_every_counter()
    {
        using var store = new InMemoryEphemeralStore(_time, maxBytes: 64 * 1024);
        await store.IncrementAsync("attempts:x", Ttl, default);
        for (var n = 0; n < 5_000; n++)
        {
            await store.SetAsync($"challenge:{n}", new byte[1000], Ttl, new EphemeralOwner($"challenges:bank:user{n}", 10), default);
        }

        Assert.InRange(store.Bytes, 1, store.MaxBytes);
        Assert.Null(await store.GetAsync("challenge:0", default));
        Assert.NotNull(await store.GetAsync("challenge:4999", default));
        Assert.Equal(2, await store.IncrementAsync("attempts:x", Ttl, default));
    }

    [Fact]
    public async Task Taking_deleting_and_expiring_owned_entries_gives_their_room_back()
    {
        var owner = new EphemeralOwner("o", 100);
        for (var n = 0; n < 50; n++)
        {
            await _store.SetAsync($"k{n}", new byte[10], Ttl, owner, default);
        }

        await _store.TakeAsync("k0", default);
        await _store.DeleteAsync("k1", default);
        _time.Advance(Ttl + TimeSpan.FromMinutes(1));

        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _store.Bytes);
    }
}
