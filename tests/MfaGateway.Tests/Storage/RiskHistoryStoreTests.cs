using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;

namespace MfaGateway.Tests.Storage;

/// <summary>The two combined operations of the risk history: the read of one evaluation and the write after a passed MFA.</summary>
public sealed class RiskHistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly KnownPlace Lisbon = new("PT", "Lisbon", 3243, 38.7174, -9.1321, 5, Now, Now);
    private static readonly MfaPosition LastMfa = new(Now.AddHours(-1), "Lisbon, Portugal", 38.7174, -9.1321, 5);

    private readonly TemporaryDatabase _database = new();
    private readonly SqliteRiskHistoryStore _history;

    public RiskHistoryStoreTests() => _history = new SqliteRiskHistoryStore(_database.Database);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_risk_read_returns_what_was_asked_for_and_nothing_else()
    {
        var alice = await _database.Users.GetOrCreateAsync("bank", "alice", Now, default);
        var bob = await _database.Users.GetOrCreateAsync("bank", "bob", Now, default);
        await _history.RecordMfaAsync(Device(alice.Id, "device-a"), Lisbon, LastMfa, default);

        var everything = await _history.ReadForRiskAsync(alice.Id, "device-a", places: true, lastMfa: true, default);
        Assert.True(everything.DeviceKnown);
        Assert.Equal([Lisbon], everything.Places);
        Assert.Equal(LastMfa, everything.LastMfa);

        var otherDevice = await _history.ReadForRiskAsync(alice.Id, "device-b", places: false, lastMfa: true, default);
        Assert.False(otherDevice.DeviceKnown);
        Assert.Empty(otherDevice.Places);
        Assert.Equal(LastMfa, otherDevice.LastMfa);

        var placesOnly = await _history.ReadForRiskAsync(alice.Id, null, places: true, lastMfa: false, default);
        Assert.Equal((false, 1, (MfaPosition?)null), (placesOnly.DeviceKnown, placesOnly.Places.Count, placesOnly.LastMfa));

        // Another user's device and history are never alice's, nor hers his.
        var bobs = await _history.ReadForRiskAsync(bob.Id, "device-a", places: true, lastMfa: true, default);
        Assert.Equal((false, 0, (MfaPosition?)null), (bobs.DeviceKnown, bobs.Places.Count, bobs.LastMfa));

        Assert.Same(RiskHistory.None, await _history.ReadForRiskAsync(alice.Id, null, places: false, lastMfa: false, default));
    }

    [Fact]
    public async Task Recording_a_passed_mfa_writes_device_place_and_position_and_refreshes_them_later()
    {
        var alice = await _database.Users.GetOrCreateAsync("bank", "alice", Now, default);
        await _history.RecordMfaAsync(Device(alice.Id, "device-a"), Lisbon, LastMfa, default);

        var later = Now.AddDays(2);
        var again = new MfaPosition(later, "an unknown place", null, null, null);
        await _history.RecordMfaAsync(Device(alice.Id, "device-a") with { LastSeen = later, FirstSeen = later }, place: null, again, default);

        var device = Assert.Single(await _history.ListDevicesAsync(alice.Id, default));
        Assert.Equal((Now, later), (device.FirstSeen, device.LastSeen)); // first seen kept
        Assert.Equal([Lisbon], await _history.ListPlacesAsync(alice.Id, default)); // no place: the known ones stay
        Assert.Equal(again, await _history.FindMfaPositionAsync(alice.Id, default));
    }

    [Fact]
    public async Task A_failed_record_leaves_nothing_half_written()
    {
        // The place cannot be written (a country is required) after the device was: the device must
        // go with it, and the position must never be written.
        var alice = await _database.Users.GetOrCreateAsync("bank", "alice", Now, default);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            _history.RecordMfaAsync(Device(alice.Id, "device-a"), Lisbon with { Country = null! }, LastMfa, default));

        Assert.Empty(await _history.ListDevicesAsync(alice.Id, default));
        Assert.Empty(await _history.ListPlacesAsync(alice.Id, default));
        Assert.Null(await _history.FindMfaPositionAsync(alice.Id, default));
    }

    private static KnownDevice Device(long userId, string id) => new(userId, id, "Firefox on Linux", Now, Now, "194.65.0.1", "Lisbon, Portugal");
}
