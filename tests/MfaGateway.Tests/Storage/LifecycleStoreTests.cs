using MfaGateway.Audit;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;

namespace MfaGateway.Tests.Storage;

public sealed class LifecycleStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly TemporaryDatabase _store = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteUserStore _users;
    private readonly SqliteFactorStore _factors;

    public LifecycleStoreTests()
    {
        _database = _store.Database;
        _users = _store.Users;
        _factors = _store.Factors;
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Failures_in_a_window_restart_after_it_while_consecutive_failures_keep_counting()
    {
        var user = await _users.GetOrCreateAsync("bank", "alice", Now, default);

        await CountAsync(user.Id, Now);
        var second = await CountAsync(user.Id, Now.AddMinutes(10));
        var afterWindow = await CountAsync(user.Id, Now.AddMinutes(30));

        Assert.Equal(new FailureCounts(2, 2), second);
        Assert.Equal(new FailureCounts(3, 1), afterWindow);
    }

    [Fact]
    public async Task Ban_unlock_and_require_mfa_are_stored()
    {
        var user = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        await CountAsync(user.Id, Now);
        await _users.BanAsync(user.Id, Now.AddMinutes(15), default);
        await _users.SetMfaRequiredAsync(user.Id, true, default);

        var banned = (await _users.FindAsync("bank", "alice", default))!;
        Assert.True(banned.IsBanned(Now));
        Assert.False(banned.IsBanned(Now.AddMinutes(16)));
        Assert.True(banned.MfaRequired);

        await _users.UnlockAsync(user.Id, default);
        var unlocked = (await _users.FindAsync("bank", "alice", default))!;
        Assert.False(unlocked.IsBanned(Now));
        Assert.Equal(0, unlocked.ConsecutiveFailures);
        Assert.Equal(new FailureCounts(1, 1), await CountAsync(user.Id, Now));
    }

    [Fact]
    public async Task Factors_can_be_added_renamed_made_primary_and_removed_with_one_primary_always()
    {
        var user = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        Assert.True(await _factors.AddFirstAsync(Factor("a", user.Id, Now), default));
        await _factors.AddAsync(Factor("b", user.Id, Now.AddMinutes(1)), default);

        var listed = await _factors.ListAsync(user.Id, default);
        Assert.Equal(["a", "b"], listed.Select(f => f.Id));
        Assert.True(listed[0].IsPrimary);
        Assert.False(listed[1].IsPrimary);

        Assert.True(await _factors.RenameAsync(user.Id, "b", "Work phone", default));
        Assert.True(await _factors.SetPrimaryAsync(user.Id, "b", default));
        listed = await _factors.ListAsync(user.Id, default);
        Assert.Equal(["b", "a"], listed.Select(f => f.Id));
        Assert.Equal("Work phone", listed[0].Name);
        Assert.Single(listed, f => f.IsPrimary);

        Assert.True(await _factors.RemoveAsync(user.Id, "b", default));
        listed = await _factors.ListAsync(user.Id, default);
        Assert.True(Assert.Single(listed).IsPrimary);

        // Another user's factor cannot be touched through this user.
        var bob = await _users.GetOrCreateAsync("bank", "bob", Now, default);
        Assert.False(await _factors.RemoveAsync(bob.Id, "a", default));
        Assert.False(await _factors.RenameAsync(bob.Id, "a", "mine", default));
        Assert.False(await _factors.SetPrimaryAsync(bob.Id, "a", default));
    }

    [Fact]
    public async Task Recovery_codes_are_replaced_as_a_set_and_used_once()
    {
        var store = new SqliteRecoveryCodeStore(_database);
        var user = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        byte[] first = [1, 1], second = [2, 2];
        await store.ReplaceAsync(user.Id, [9], [first, second], Now, default);

        Assert.Equal(2, await store.CountRemainingAsync(user.Id, default));
        var uses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.TryUseAsync(user.Id, first, Now, default))));
        Assert.Single(uses, used => used);
        Assert.Equal(1, await store.CountRemainingAsync(user.Id, default));

        await store.ReplaceAsync(user.Id, [8], [[3, 3]], Now, default);
        Assert.False(await store.TryUseAsync(user.Id, second, Now, default));
        Assert.Equal([8], await store.GetSaltAsync(user.Id, default));
    }

    [Fact]
    public async Task Trusted_devices_expire_and_revoke_one_or_all()
    {
        var store = new SqliteTrustedDeviceStore(_database);
        var user = await _users.GetOrCreateAsync("bank", "alice", Now, default);
        foreach (var id in new[] { "d1", "d2", "d3" })
        {
            await store.AddAsync(new TrustedDeviceRecord(id, user.Id, "Firefox on Linux", Now, Now, "127.0.0.1", Now, Now.AddDays(30), null), default);
        }

        Assert.Equal(3, (await store.ListActiveAsync(user.Id, Now, default)).Count);
        Assert.Empty(await store.ListActiveAsync(user.Id, Now.AddDays(31), default));

        Assert.True(await store.RevokeAsync(user.Id, "d1", Now, default));
        Assert.False(await store.RevokeAsync(user.Id, "d1", Now, default));
        Assert.Equal(["d2", "d3"], (await store.RevokeAllAsync(user.Id, Now, default)).Order());
        Assert.Empty(await store.ListActiveAsync(user.Id, Now, default));
        Assert.Equal(["d1", "d2", "d3"], (await store.ListRevokedUnexpiredAsync(Now, default)).Order());
        Assert.False((await store.FindAsync("d2", default))!.IsValid(Now));
    }

    [Fact]
    public async Task Audit_events_are_filtered_and_paged_newest_first()
    {
        var store = new SqliteAuditStore(_database);
        for (var i = 0; i < 7; i++)
        {
            await store.AppendAsync(new AuditEvent(0, Now.AddMinutes(i), "bank", i % 2 == 0 ? "alice" : "bob", i < 3 ? AuditEventTypes.ChallengeFailed : AuditEventTypes.ChallengePassed, AuditOutcomes.Success, "127.0.0.1", "ua", new Dictionary<string, string> { ["n"] = $"{i}" }), default);
        }

        var alice = await store.QueryAsync(new AuditQuery(User: "alice", PageSize: 2), default);
        Assert.Equal(4, alice.Total);
        Assert.Equal(["6", "4"], alice.Events.Select(e => e.Detail["n"]));
        var page2 = await store.QueryAsync(new AuditQuery(User: "alice", PageSize: 2, Page: 2), default);
        Assert.Equal(["2", "0"], page2.Events.Select(e => e.Detail["n"]));

        var failed = await store.QueryAsync(new AuditQuery(Types: [AuditEventTypes.ChallengeFailed]), default);
        Assert.Equal(3, failed.Total);
        var window = await store.QueryAsync(new AuditQuery(From: Now.AddMinutes(2), To: Now.AddMinutes(4)), default);
        Assert.Equal(["3", "2"], window.Events.Select(e => e.Detail["n"]));
    }

    private static FactorRecord Factor(string id, long userId, DateTimeOffset created) =>
        new(id, userId, "totp", "Authenticator app", [1, 2, 3], "{}", null, created, null);

    /// <summary>One more attempt with limits too high to refuse it.</summary>
    private async Task<FailureCounts> CountAsync(long userId, DateTimeOffset now) =>
        (await _users.CountAttemptAsync(userId, now, Window, int.MaxValue, int.MaxValue, default))!;
}
