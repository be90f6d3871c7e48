using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Provider verdicts per address until they expire on the injected clock. Bounded: when full, expired
/// entries go first and then arbitrary ones, because a miss only costs one provider request while
/// an unbounded cache would let a scan from many addresses grow memory without limit.
/// </summary>
internal sealed class VerdictCache(int capacity)
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();
    private readonly Lock _trimGate = new();

    public int Count => _entries.Count;

    public bool TryGet(IPAddress address, DateTimeOffset now, [NotNullWhen(true)] out ReputationVerdict? verdict)
    {
        if (_entries.TryGetValue(address, out var entry) && entry.ExpiresAt > now)
        {
            verdict = entry.Verdict;
            return true;
        }

        verdict = null;
        return false;
    }

    public void Set(IPAddress address, ReputationVerdict verdict, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (!_entries.ContainsKey(address) && _entries.Count >= capacity)
        {
            Trim(now);
        }

        _entries[address] = new Entry(verdict, expiresAt);
    }

    private void Trim(DateTimeOffset now)
    {
        lock (_trimGate)
        {
            foreach (var (address, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(address, out _);
                }
            }

            // Leave some room so the next few misses do not each pay for a full scan.
            var target = capacity - Math.Max(1, capacity / 10);
            foreach (var address in _entries.Keys)
            {
                if (_entries.Count <= target)
                {
                    break;
                }

                _entries.TryRemove(address, out _);
            }
        }
    }

    private sealed record Entry(ReputationVerdict Verdict, DateTimeOffset ExpiresAt);
}
