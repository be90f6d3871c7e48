using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// An immutable set of IP ranges, merged into sorted non-overlapping intervals so a lookup is one
/// binary search: block lists run to 100k+ entries and are checked on every risk decision.
/// IPv4-mapped IPv6 addresses are compared as IPv4, because a dual-stack socket reports an IPv4
/// peer as ::ffff:a.b.c.d.
/// </summary>
public sealed class IpRangeSet
{
    public static readonly IpRangeSet Empty = new([], [], [], []);

    private readonly uint[] _v4Starts;
    private readonly uint[] _v4Ends;
    private readonly UInt128[] _v6Starts;
    private readonly UInt128[] _v6Ends;

    internal IpRangeSet(uint[] v4Starts, uint[] v4Ends, UInt128[] v6Starts, UInt128[] v6Ends)
    {
        _v4Starts = v4Starts;
        _v4Ends = v4Ends;
        _v6Starts = v6Starts;
        _v6Ends = v6Ends;
    }

    /// <summary>Number of merged intervals (not of entries in the source list).</summary>
    public int IntervalCount => _v4Starts.Length + _v6Starts.Length;

    public bool IsEmpty => IntervalCount == 0;

    public bool Contains(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Contains(BinaryPrimitives.ReadUInt32BigEndian(bytes[..written]));
        }

        return address.IsIPv4MappedToIPv6
            ? Contains(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..16]))
            : Contains(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    public bool Contains(uint address) => Find(_v4Starts, _v4Ends, address);

    public bool Contains(UInt128 address) => Find(_v6Starts, _v6Ends, address);

    private static bool Find<T>(T[] starts, T[] ends, T value)
        where T : struct, IComparable<T>
    {
        // The last interval starting at or before the value is the only one that can hold it.
        int low = 0, high = starts.Length - 1, candidate = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (starts[middle].CompareTo(value) <= 0)
            {
                candidate = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return candidate >= 0 && ends[candidate].CompareTo(value) >= 0;
    }
}
