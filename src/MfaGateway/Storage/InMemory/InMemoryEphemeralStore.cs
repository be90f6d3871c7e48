using System.Collections.Concurrent;

namespace MfaGateway.Storage.InMemory;

/// <summary>The single-machine <see cref="IEphemeralStore"/>: a dictionary with expiry, swept once a minute.</summary>
public sealed class InMemoryEphemeralStore : IEphemeralStore, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public InMemoryEphemeralStore(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public int Count => _entries.Count;

    public ValueTask SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        _entries[key] = new Entry(value, 0, _time.GetUtcNow() + timeToLive);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var entry) && IsLive(entry) ? entry.Value : null);

    public ValueTask<byte[]?> TakeAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryRemove(key, out var entry) && IsLive(entry) ? entry.Value : null);

    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryRemove(key, out var entry) && IsLive(entry));

    public ValueTask<long> IncrementAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var updated = _entries.AddOrUpdate(
            key,
            static (_, state) => new Entry(null, 1, state.now + state.timeToLive),
            static (_, existing, state) => existing.ExpiresAt > state.now
                ? existing with { Counter = existing.Counter + 1 }
                : new Entry(null, 1, state.now + state.timeToLive),
            (now, timeToLive));
        return ValueTask.FromResult(updated.Counter);
    }

    public void Dispose() => _sweeper.Dispose();

    private bool IsLive(Entry entry) => entry.ExpiresAt > _time.GetUtcNow();

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed record Entry(byte[]? Value, long Counter, DateTimeOffset ExpiresAt);
}
