using System.Collections.Concurrent;

namespace MfaGateway.Storage.InMemory;

/// <summary>
/// The single-machine <see cref="IEphemeralStore"/>: a dictionary with expiry, swept once a minute,
/// and bounded: each owner keeps at most its quota of entries, and past <see cref="MaxBytes"/> the
/// oldest owned entries (pending challenges, enrolments, bindings) give way. Reads take no lock;
/// writes take one, as they keep the byte count and the eviction order.
/// </summary>
public sealed class InMemoryEphemeralStore : IEphemeralStore, IDisposable
{
    /// <summary>Room for well over 100,000 pending sign-ins of ordinary size.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>What an entry costs besides its key and value: the dictionary slot, the record, the order queues.</summary>
    private const int EntryOverhead = 128;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    // Owned entries in the order they were written, overall and per owner. A removed or rewritten
    // entry leaves a stale item behind (its sequence no longer matches); stale items are skipped
    // and dropped whenever the queues are rebuilt.
    private Queue<(string Key, long Sequence)> _ownedOrder = new();
    private Dictionary<string, OwnerEntries> _owners = new(StringComparer.Ordinal);
    private long _sequence;
    private long _bytes;
    private int _ownedCount;

    public InMemoryEphemeralStore(TimeProvider time, long maxBytes = DefaultMaxBytes)
    {
        _time = time;
        MaxBytes = maxBytes;
        _sweeper = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public long MaxBytes { get; }

    public int Count => _entries.Count;

    /// <summary>What the entries take, as counted against <see cref="MaxBytes"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public ValueTask SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Remove(key);
            Add(key, new Entry(value, 0, _time.GetUtcNow() + timeToLive, null, 0, SizeOf(key, value)));
            EvictOverBudget();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SetAsync(string key, byte[] value, TimeSpan timeToLive, EphemeralOwner owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Remove(key);
            var sequence = ++_sequence;
            Add(key, new Entry(value, 0, _time.GetUtcNow() + timeToLive, owner.Key, sequence, SizeOf(key, value)));
            _ownedOrder.Enqueue((key, sequence));
            if (!_owners.TryGetValue(owner.Key, out var entries))
            {
                _owners[owner.Key] = entries = new OwnerEntries();
            }

            entries.Order.Enqueue((key, sequence));
            while (entries.Live > Math.Max(1, owner.MaxEntries) && entries.Order.TryDequeue(out var oldest))
            {
                RemoveIfCurrent(oldest);
            }

            EvictOverBudget();
            CompactIfMostlyStale();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var entry) && IsLive(entry) ? entry.Value : null);

    public ValueTask<byte[]?> TakeAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Remove(key) is { } entry && IsLive(entry) ? entry.Value : null);
        }
    }

    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Remove(key) is { } entry && IsLive(entry));
        }
    }

    public ValueTask<long> IncrementAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.ExpiresAt > now && existing.Value is null)
            {
                var counted = existing with { Counter = existing.Counter + 1 };
                _entries[key] = counted;
                return ValueTask.FromResult(counted.Counter);
            }

            Remove(key);
            Add(key, new Entry(null, 1, now + timeToLive, null, 0, SizeOf(key, null)));
            EvictOverBudget();
            return ValueTask.FromResult(1L);
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private static int SizeOf(string key, byte[]? value) => EntryOverhead + (key.Length * sizeof(char)) + (value?.Length ?? 0);

    private bool IsLive(Entry entry) => entry.ExpiresAt > _time.GetUtcNow();

    private void Add(string key, Entry entry)
    {
        _entries[key] = entry;
        Interlocked.Add(ref _bytes, entry.Size);
        if (entry.Owner is not null)
        {
            _ownedCount++;
            if (_owners.TryGetValue(entry.Owner, out var entries))
            {
                entries.Live++;
            }
            else
            {
                _owners[entry.Owner] = new OwnerEntries { Live = 1 };
            }
        }
    }

    private Entry? Remove(string key)
    {
        if (!_entries.TryRemove(key, out var entry))
        {
            return null;
        }

        Interlocked.Add(ref _bytes, -entry.Size);
        if (entry.Owner is not null)
        {
            _ownedCount--;
            if (_owners.TryGetValue(entry.Owner, out var entries) && --entries.Live == 0)
            {
                _owners.Remove(entry.Owner);
            }
        }

        return entry;
    }

    private void RemoveIfCurrent((string Key, long Sequence) item)
    {
        if (_entries.TryGetValue(item.Key, out var entry) && entry.Sequence == item.Sequence && entry.Owner is not null)
        {
            Remove(item.Key);
        }
    }

    /// <summary>Oldest owned entries first; counters and unowned values are what regulation rests on and stay.</summary>
    private void EvictOverBudget()
    {
        while (Interlocked.Read(ref _bytes) > MaxBytes && _ownedOrder.TryDequeue(out var oldest))
        {
            RemoveIfCurrent(oldest);
        }
    }

    private void CompactIfMostlyStale()
    {
        if (_ownedOrder.Count > (2 * _ownedCount) + 1024)
        {
            Rebuild();
        }
    }

    /// <summary>The order queues again from the live entries alone, dropping stale items.</summary>
    private void Rebuild()
    {
        var owned = _entries.Where(e => e.Value.Owner is not null).OrderBy(e => e.Value.Sequence).ToList();
        _ownedOrder = new Queue<(string Key, long Sequence)>(owned.Select(e => (e.Key, e.Value.Sequence)));
        _owners = new Dictionary<string, OwnerEntries>(StringComparer.Ordinal);
        foreach (var (key, entry) in owned)
        {
            if (!_owners.TryGetValue(entry.Owner!, out var entries))
            {
                _owners[entry.Owner!] = entries = new OwnerEntries();
            }

            entries.Live++;
            entries.Order.Enqueue((key, entry.Sequence));
        }
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    Remove(key);
                }
            }

            Rebuild();
        }
    }

    private sealed record Entry(byte[]? Value, long Counter, DateTimeOffset ExpiresAt, string? Owner, long Sequence, int Size);

    private sealed class OwnerEntries
    {
        public int Live { get; set; }

        public Queue<(string Key, long Sequence)> Order { get; } = new();
    }
}
