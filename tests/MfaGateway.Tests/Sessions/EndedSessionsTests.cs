using MfaGateway.Sessions;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Storage;

namespace MfaGateway.Tests.Sessions;

/// <summary>The stored ends and the in-memory view the proxied path reads.</summary>
public sealed class EndedSessionsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDatabase _database = new();
    private readonly SqliteSessionEndStore _store;

    public EndedSessionsTests() => _store = new SqliteSessionEndStore(_database.Database);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Ending_every_session_raises_the_epoch_and_ends_sessions_issued_under_a_lower_one_only()
    {
        var ended = new EndedSessions();
        var before = new VouchedSession(Session("alice", epoch: ended.CurrentEpoch("bank", "alice")));
        Assert.False(ended.IsEnded("bank", before));

        var end = await _store.EndAllAsync("bank", "alice", Now, Now.AddHours(12), default);
        ended.Apply(end);
        var after = new VouchedSession(Session("alice", epoch: ended.CurrentEpoch("bank", "alice")));

        Assert.Equal(1, end.Epoch);
        Assert.True(ended.IsEnded("bank", before)); // found live before: the shortcut does not hide the end
        Assert.False(ended.IsEnded("bank", after));
        Assert.False(ended.IsEnded("other-realm", before));
        Assert.False(ended.IsEnded("bank", new VouchedSession(Session("bob", epoch: 0))));
    }

    [Fact]
    public async Task A_new_process_learns_every_end_from_the_store_and_later_ones_by_sequence()
    {
        await _store.EndAllAsync("bank", "alice", Now, Now.AddHours(12), default);
        await _store.EndAllAsync("bank", "alice", Now, Now.AddHours(12), default);
        var signedOut = Session("bob", epoch: 0);
        await _store.EndOneAsync("bank", "bob", signedOut.Id, Now, signedOut.ExpiresAt, default);

        var ended = new EndedSessions();
        foreach (var epoch in await _store.ListEpochsAsync(default))
        {
            ended.Apply(epoch);
        }

        var since = await _store.ListSinceAsync(0, Now, default);
        foreach (var end in since)
        {
            ended.Apply(end);
        }

        Assert.Equal(2, ended.CurrentEpoch("bank", "alice"));
        Assert.True(ended.IsEnded("bank", signedOut));
        Assert.False(ended.IsEnded("bank", Session("bob", epoch: 0)));
        Assert.Empty(await _store.ListSinceAsync(since[^1].Sequence, Now, default));
    }

    [Fact]
    public async Task Expired_ends_are_pruned_and_the_epoch_stays_with_the_user()
    {
        var session = Session("bob", epoch: 0);
        await _store.EndOneAsync("bank", "bob", session.Id, Now, Now.AddMinutes(1), default);
        await _store.EndAllAsync("bank", "alice", Now, Now.AddMinutes(1), default);

        Assert.Equal(2, await _store.PruneAsync(Now.AddMinutes(2), default));
        Assert.Empty(await _store.ListSinceAsync(0, Now, default));
        Assert.Equal(1, Assert.Single(await _store.ListEpochsAsync(default)).Epoch);

        var ended = new EndedSessions();
        ended.Apply(new MfaGateway.Storage.SessionEnd(1, "bank", "bob", session.Id, 0, Now.AddMinutes(1)));
        ended.ForgetExpired(Now.AddMinutes(2));
        Assert.False(ended.IsEnded("bank", session)); // its token has expired anyway
    }

    private static GatewaySession Session(string user, long epoch) =>
        new("bank", user, ["totp"], Now, Now, Now.AddHours(12), "binding") { Epoch = epoch };
}
