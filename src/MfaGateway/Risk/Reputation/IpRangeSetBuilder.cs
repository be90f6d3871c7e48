using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace MfaGateway.Risk.Reputation;

/// <summary>Collects networks, then sorts and merges them into an <see cref="IpRangeSet"/>.</summary>
public sealed class IpRangeSetBuilder
{
    private readonly List<(uint Start, uint End)> _v4 = [];
    private readonly List<(UInt128 Start, UInt128 End)> _v6 = [];

    /// <summary>Entries added so far, before merging.</summary>
    public int Count => _v4.Count + _v6.Count;

    public IpRangeSetBuilder Add(IPNetwork network)
    {
        Span<byte> bytes = stackalloc byte[16];
        var address = network.BaseAddress;
        address.TryWriteBytes(bytes, out _);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            AddRange(_v4, BinaryPrimitives.ReadUInt32BigEndian(bytes), network.PrefixLength, 32);
        }
        else if (address.IsIPv4MappedToIPv6 && network.PrefixLength >= 96)
        {
            // NetworkList.TryParseNetwork already rewrites mapped networks to IPv4; this keeps the
            // invariant for networks built elsewhere.
            AddRange(_v4, BinaryPrimitives.ReadUInt32BigEndian(bytes[12..16]), network.PrefixLength - 96, 32);
        }
        else
        {
            AddRange(_v6, BinaryPrimitives.ReadUInt128BigEndian(bytes), network.PrefixLength, 128);
        }

        return this;
    }

    public IpRangeSet Build()
    {
        if (Count == 0)
        {
            return IpRangeSet.Empty;
        }

        var (v4Starts, v4Ends) = Merge(_v4);
        var (v6Starts, v6Ends) = Merge(_v6);
        return new IpRangeSet(v4Starts, v4Ends, v6Starts, v6Ends);
    }

    private static void AddRange<T>(List<(T Start, T End)> ranges, T start, int prefix, int bits)
        where T : struct, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        // C# masks shift counts to the type width, so a full-length prefix needs its own case.
        var hostMask = prefix >= bits ? T.Zero : T.AllBitsSet >>> prefix;
        ranges.Add((start & ~hostMask, start | hostMask));
    }

    private static (T[] Starts, T[] Ends) Merge<T>(List<(T Start, T End)> ranges)
        where T : struct, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var starts = new List<T>(ranges.Count);
        var ends = new List<T>(ranges.Count);
        foreach (var (start, end) in ranges)
        {
            var last = ends.Count - 1;

            // Overlapping or adjacent: extend the previous interval. The MaxValue check avoids
            // end + 1 wrapping to zero after 255.255.255.255.
            if (last >= 0 && (ends[last] == T.AllBitsSet || start <= ends[last] + T.One))
            {
                if (end > ends[last])
                {
                    ends[last] = end;
                }

                continue;
            }

            starts.Add(start);
            ends.Add(end);
        }

        return ([.. starts], [.. ends]);
    }
}
