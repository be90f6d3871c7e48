using System.Collections.Concurrent;
using MfaGateway.Storage;

namespace MfaGateway.TrustedDevices;

/// <summary>
/// Devices revoked while sessions they opened may still be alive. Consulted on the proxied path for
/// sessions that came from a device (a dictionary lookup, no store round trip), so revocation takes
/// effect on the next request. Loaded from the store at start-up and kept current by revocations here.
/// </summary>
public sealed class RevokedDevices(ITrustedDeviceStore store, TimeProvider time) : IHostedService
{
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    public bool Contains(string deviceId) => _revoked.ContainsKey(deviceId);

    public void Add(IEnumerable<string> deviceIds)
    {
        foreach (var id in deviceIds)
        {
            _revoked[id] = 0;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        Add(await store.ListRevokedUnexpiredAsync(time.GetUtcNow(), cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
