using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;

namespace MfaGateway.Tests.Storage;

public sealed class SqliteStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000);

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly TemporaryDatabase _store = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteUserStore _users;
    private readonly SqliteFactorStore _factors;

    public SqliteStoreTests()
    {
        _database = _store.Database;
        _users = _store.Users;
        _factors = _store.Factors;
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Database_file_is_in_WAL_mode()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar() as string);
        Assert.True(File.Exists(_database.FilePath));
    }

    [Fact]
    public async Task Opening_an_existing_database_again_keeps_its_data()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);

        var reopened = new SqliteUserStore(new SqliteDatabase(_database.FilePath));

        Assert.Equal(alice, await reopened.FindAsync("bank", "alice", default));
    }

    [Fact]
    public async Task GetOrCreate_is_idempotent()
    {
        var first = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        var second = await _users.GetOrCreateAsync("bank", "alice", Now.AddHours(1), default);

        Assert.Equal(first, second);
        Assert.Equal("bank", first.Realm);
        Assert.Equal("alice", first.UserName);
        Assert.Equal(Now, first.CreatedAt);
        Assert.Equal(0, first.ConsecutiveFailures);
        Assert.Equal(first, await _users.FindAsync("bank", "alice", default));
    }

    [Fact]
    public async Task Users_are_distinct_per_realm_and_name()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        var aliceElsewhere = await _users.GetOrCreateAsync("shop", "alice", Now, default);
        var bob = await _users.GetOrCreateAsync("bank", "bob", Now, default);

        Assert.Equal(3, new[] { alice.Id, aliceElsewhere.Id, bob.Id }.Distinct().Count());
        Assert.Null(await _users.FindAsync("bank", "carol", default));
        Assert.Null(await _users.FindAsync("other", "alice", default));
    }

    [Fact]
    public async Task Concurrent_GetOrCreate_of_one_user_creates_one_record()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _users.GetOrCreateAsync("bank", "dave", Now, default))));

        Assert.Single(users.Select(u => u.Id).Distinct());
    }

    [Fact]
    public async Task CountAttempt_counts_and_ResetFailures_clears()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        var bob = await _users.GetOrCreateAsync("bank", "bob", Now, default);

        Assert.Equal(1, (await CountAsync(alice.Id, Now)).Consecutive);
        Assert.Equal(2, (await CountAsync(alice.Id, Now)).Consecutive);
        Assert.Equal(3, (await CountAsync(alice.Id, Now)).Consecutive);
        Assert.Equal(1, (await CountAsync(bob.Id, Now)).Consecutive);
        Assert.Equal(3, (await _users.FindAsync("bank", "alice", default))!.ConsecutiveFailures);

        await _users.ResetFailuresAsync(alice.Id, default);

        Assert.Equal(0, (await _users.FindAsync("bank", "alice", default))!.ConsecutiveFailures);
        Assert.Equal(1, (await _users.FindAsync("bank", "bob", default))!.ConsecutiveFailures);
        Assert.Equal(1, (await CountAsync(alice.Id, Now)).Consecutive);

        await _users.ResetFailuresAsync(bob.Id, default);
        await _users.ResetFailuresAsync(bob.Id, default); // resetting twice is harmless
        Assert.Equal(0, (await _users.FindAsync("bank", "bob", default))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Concurrent_failures_are_all_counted()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);

        var counts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => CountAsync(alice.Id, Now))));

        Assert.Equal(Enumerable.Range(1, 30), counts.Select(c => c.Consecutive).Order());
        Assert.Equal(30, (await _users.FindAsync("bank", "alice", default))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task AddFirst_succeeds_once_then_refuses_a_second_factor()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        var first = Factor("f-1", alice.Id);

        Assert.True(await _factors.AddFirstAsync(first, default));
        Assert.False(await _factors.AddFirstAsync(Factor("f-2", alice.Id), default));

        var stored = Assert.Single(await _factors.ListAsync(alice.Id, default));
        Assert.Equal("f-1", stored.Id);
        Assert.Equal(first.ProtectedSecret, stored.ProtectedSecret);
        Assert.Equal(first.Settings, stored.Settings);
        Assert.Equal(first.CreatedAt, stored.CreatedAt);
        Assert.Null(stored.LastTimeStep);
        Assert.Null(stored.LastUsedAt);
    }

    [Fact]
    public async Task AddFirst_is_per_user()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        var bob = await _users.GetOrCreateAsync("bank", "bob", Now, default);

        Assert.True(await _factors.AddFirstAsync(Factor("f-a", alice.Id), default));
        Assert.True(await _factors.AddFirstAsync(Factor("f-b", bob.Id), default));
        Assert.Equal("f-b", Assert.Single(await _factors.ListAsync(bob.Id, default)).Id);
    }

    [Fact]
    public async Task Of_parallel_first_enrolments_exactly_one_succeeds()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _factors.AddFirstAsync(Factor($"f-{i}", alice.Id), default))));

        Assert.Single(results, r => r);
        Assert.Single(await _factors.ListAsync(alice.Id, default));
    }

    [Fact]
    public async Task TryAdvanceTimeStep_accepts_only_later_steps()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        await _factors.AddFirstAsync(Factor("f-1", alice.Id), default);

        Assert.True(await _factors.TryAdvanceTimeStepAsync("f-1", 100, Now, default)); // first use
        Assert.False(await _factors.TryAdvanceTimeStepAsync("f-1", 100, Now, default)); // same step: a replay
        Assert.False(await _factors.TryAdvanceTimeStepAsync("f-1", 99, Now, default)); // earlier step
        Assert.True(await _factors.TryAdvanceTimeStepAsync("f-1", 101, Now.AddSeconds(30), default));

        var stored = Assert.Single(await _factors.ListAsync(alice.Id, default));
        Assert.Equal(101, stored.LastTimeStep);
        Assert.Equal(Now.AddSeconds(30), stored.LastUsedAt);
    }

    [Fact]
    public async Task TryAdvanceTimeStep_of_an_unknown_factor_is_false()
    {
        Assert.False(await _factors.TryAdvanceTimeStepAsync("no-such-factor", 100, Now, default));
    }

    [Fact]
    public async Task Of_twenty_parallel_uses_of_one_time_step_exactly_one_succeeds()
    {
        var alice = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        await _factors.AddFirstAsync(Factor("f-1", alice.Id) with { LastTimeStep = 50 }, default);

        for (var step = 100L; step < 105; step++)
        {
            using var start = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await _factors.TryAdvanceTimeStepAsync("f-1", step, Now, default);
            })).ToList();

            start.Set();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, r => r);
            Assert.Equal(step, Assert.Single(await _factors.ListAsync(alice.Id, default)).LastTimeStep);
        }
    }

    private static FactorRecord Factor(string id, long userId) =>
        new(id, userId, "totp", "Authenticator", [1, 2, 3, 4, 5], """{"algorithm":"SHA1","digits":6,"period":30}""", null, Now, null);

    /// <summary>One more attempt with limits too high to refuse it.</summary>
    private async Task<FailureCounts> CountAsync(long userId, DateTimeOffset now) =>
        (await _users.CountAttemptAsync(userId, now, Window, int.MaxValue, int.MaxValue, default))!;
}
