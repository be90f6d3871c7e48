using System.Numerics;

namespace MfaGateway.Protocols.Geo;

/// <summary>
/// Decoded records by data-section offset: many networks share one record, so repeat lookups cost a
/// tree walk and no allocation. Direct-mapped and lock-free: a slot holds one immutable entry, a colliding
/// record simply replaces it, and reference writes are atomic, so readers see an old or a new entry, never
/// a torn one. The size is fixed, so memory stays bounded whatever the traffic.
/// </summary>
internal sealed class RecordCache<T>
    where T : class
{
    private readonly Entry?[] slots;
    private readonly int mask;

    public RecordCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        slots = new Entry?[size];
        mask = size - 1;
    }

    public T GetOrAdd(int offset, Func<int, T> decode)
    {
        // Fibonacci hashing spreads the (often evenly spaced) offsets over the slots.
        var slot = (int)(((uint)offset * 2_654_435_769u) >> 8) & mask;
        var entry = Volatile.Read(ref slots[slot]);
        if (entry is not null && entry.Offset == offset)
        {
            return entry.Record;
        }

        var record = decode(offset);
        Volatile.Write(ref slots[slot], new Entry(offset, record));
        return record;
    }

    private sealed record Entry(int Offset, T Record);
}
