using MfaGateway.Configuration;
using MfaGateway.Storage;

namespace MfaGateway.Challenges;

/// <summary>Per-client-address regulation in the ephemeral store: failures counted in a window, then a ban.</summary>
public sealed class ClientBans(IEphemeralStore store, TimeProvider time)
{
    public async Task<DateTimeOffset?> BannedUntilAsync(string? client, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return null;
        }

        var stored = await store.GetAsync(BanKey(client), cancellationToken);
        return stored is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(BitConverter.ToInt64(stored));
    }

    /// <summary>Counts a failure; returns the end of the ban it started, if it started one.</summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(string? client, RegulationLimit limit, CancellationToken cancellationToken)
    {
        if (client is null || !limit.Enabled)
        {
            return null;
        }

        var failures = await store.IncrementAsync(FailureKey(client), limit.Window, cancellationToken);
        if (failures < limit.MaxFailures)
        {
            return null;
        }

        var until = time.GetUtcNow() + limit.BanTime;
        await store.SetAsync(BanKey(client), BitConverter.GetBytes(until.ToUnixTimeMilliseconds()), limit.BanTime, cancellationToken);
        await store.DeleteAsync(FailureKey(client), cancellationToken);
        return until;
    }

    private static string FailureKey(string client) => $"failures:client:{client}";

    private static string BanKey(string client) => $"ban:client:{client}";
}
