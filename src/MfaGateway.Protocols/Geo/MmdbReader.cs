using System.Buffers.Binary;
using System.Net;

namespace MfaGateway.Protocols.Geo;

/// <summary>
/// A MaxMind DB (spec v2) file: the binary search tree over address bits and the data section it points
/// into. Immutable after construction, so any number of threads may look up concurrently.
/// </summary>
/// <remarks>
/// The file is read fully into memory rather than memory-mapped: lookups are then plain bounds-checked
/// span reads (no unsafe code), no file handle stays open, and an operator who overwrites the file in
/// place cannot change bytes under a live reader (with a mapping that tears lookups or answers wrongly).
/// Nothing needs disposing, so a replaced reader is simply dropped. The cost is the file's size in
/// memory once per open database (about 60 MB for GeoLite2-City).
/// </remarks>
public sealed class MmdbReader
{
    /// <summary>The spec's 16 zero bytes between the search tree and the data section.</summary>
    private const int DataSectionSeparatorSize = 16;

    private readonly byte[] file;
    private readonly int nodeCount;
    private readonly int nodeByteSize;
    private readonly int recordSize;
    private readonly int ipv4StartNode;
    private readonly int ipv4StartDepth;

    private MmdbReader(byte[] file, string source)
    {
        this.file = file;
        Source = source;
        Metadata = MmdbMetadataReader.Read(file, source, out var markerOffset);
        nodeCount = Metadata.NodeCount;
        recordSize = Metadata.RecordSize;
        nodeByteSize = recordSize / 4;

        var treeSize = (long)nodeCount * nodeByteSize;
        var dataStart = treeSize + DataSectionSeparatorSize;
        if (dataStart > markerOffset)
        {
            throw MmdbFormatException.For(
                source,
                $"search tree of {nodeCount} nodes ({treeSize} bytes) does not fit before the metadata at {markerOffset} — truncated or wrong node_count");
        }

        if (file.AsSpan((int)treeSize, DataSectionSeparatorSize).ContainsAnyExcept((byte)0))
        {
            throw MmdbFormatException.For(source, $"the 16 bytes after the search tree (at {treeSize}) are not zero — wrong node_count or record_size, or corrupted");
        }

        Data = new MmdbDecoder(file, (int)dataStart, markerOffset - (int)dataStart, source, "data section");
        (ipv4StartNode, ipv4StartDepth) = FindIpv4Start();
    }

    /// <summary>The file name (or the name given for in-memory bytes), used in every error message.</summary>
    public string Source { get; }

    public MmdbMetadata Metadata { get; }

    internal MmdbDecoder Data { get; }

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="MmdbFormatException">The file is not a valid MaxMind DB file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static MmdbReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new MmdbReader(File.ReadAllBytes(path), path);
    }

    /// <summary>Validates <paramref name="bytes"/> (not copied: do not change them afterwards) as a MaxMind DB file.</summary>
    /// <exception cref="MmdbFormatException">The bytes are not a valid MaxMind DB file.</exception>
    public static MmdbReader FromBytes(byte[] bytes, string source = "(in memory)")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new MmdbReader(bytes, source);
    }

    /// <summary>
    /// Finds the data-section offset of the record for <paramref name="address"/>, or -1 when the address
    /// is in no network of the database (an IPv6 address in an IPv4-only database is in none).
    /// </summary>
    /// <param name="address">The address, looked up as given (IPv4-mapped IPv6 is not converted).</param>
    /// <param name="prefixLength">The matched network's prefix length, in IPv4 terms for IPv4 addresses.</param>
    /// <exception cref="MmdbFormatException">The search tree is corrupted.</exception>
    public int FindDataOffset(IPAddress address, out int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return FindDataOffset(bytes[..written], out prefixLength);
    }

    /// <summary>Looks up and decodes the whole record, for tools and tests; lookups in the gateway use typed readers.</summary>
    public object? Find(IPAddress address, out int prefixLength)
    {
        var offset = FindDataOffset(address, out prefixLength);
        return offset < 0 ? null : Data.Decode(offset);
    }

    /// <summary>Decodes the value at a data-section offset returned by <see cref="FindDataOffset(IPAddress, out int)"/>.</summary>
    public object Decode(int dataOffset) => Data.Decode(dataOffset);

    internal int FindDataOffset(ReadOnlySpan<byte> address, out int prefixLength)
    {
        prefixLength = 0;
        var bitCount = address.Length * 8;
        int node;
        int depth;
        if (address.Length == 4 && Metadata.IpVersion == 6)
        {
            node = ipv4StartNode;
            depth = ipv4StartDepth;
        }
        else if (address.Length == 16 && Metadata.IpVersion == 4)
        {
            return -1;
        }
        else
        {
            node = 0;
            depth = 0;
        }

        var consumed = 0;
        while (node < nodeCount)
        {
            if (consumed == bitCount)
            {
                throw MmdbFormatException.For(Source, $"search tree is deeper than a {bitCount}-bit address (node {node}) — corrupted");
            }

            var bit = (address[consumed >> 3] >> (7 - (consumed & 7))) & 1;
            node = ReadRecord(node, bit);
            consumed++;
            depth++;
        }

        // Prefix lengths of IPv4 addresses in an IPv6 tree count from the ::/96 subtree, as MaxMind's readers do.
        prefixLength = address.Length == 4 && Metadata.IpVersion == 6 ? Math.Max(0, depth - 96) : depth;
        return ToDataOffset(node);
    }

    private int ToDataOffset(int record)
    {
        if (record == nodeCount)
        {
            return -1;
        }

        var offset = (long)record - nodeCount - DataSectionSeparatorSize;
        if (offset < 0 || offset >= Data.Length)
        {
            throw MmdbFormatException.For(
                Source,
                $"search tree record {record} points outside the data section ({Data.Length} bytes) — corrupted");
        }

        return (int)offset;
    }

    /// <summary>IPv4 addresses live under ::/96 of an IPv6 tree; the walk to that node is done once.</summary>
    private (int Node, int Depth) FindIpv4Start()
    {
        if (Metadata.IpVersion == 4)
        {
            return (0, 0);
        }

        var node = 0;
        var depth = 0;
        while (depth < 96 && node < nodeCount)
        {
            node = ReadRecord(node, 0);
            depth++;
        }

        if (node > nodeCount)
        {
            // Validates the record now, so a bad one is reported at open rather than on the first lookup.
            ToDataOffset(node);
        }

        return (node, depth);
    }

    private int ReadRecord(int node, int bit)
    {
        // node < nodeCount and the whole tree was checked to lie inside the file, so this stays in bounds.
        var at = node * nodeByteSize;
        var bytes = file.AsSpan(at, nodeByteSize);
        return recordSize switch
        {
            24 => bit == 0
                ? (bytes[0] << 16) | (bytes[1] << 8) | bytes[2]
                : (bytes[3] << 16) | (bytes[4] << 8) | bytes[5],

            // 28-bit records share the middle byte: its high nibble tops the left record, its low nibble the right.
            28 => bit == 0
                ? ((bytes[3] & 0xF0) << 20) | (bytes[0] << 16) | (bytes[1] << 8) | bytes[2]
                : ((bytes[3] & 0x0F) << 24) | (bytes[4] << 16) | (bytes[5] << 8) | bytes[6],
            _ => ReadRecord32(bytes, bit),
        };
    }

    private int ReadRecord32(ReadOnlySpan<byte> bytes, int bit)
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes[(bit * 4)..]);

        // Values beyond int range can only point past any data section this reader can hold.
        if (value > int.MaxValue)
        {
            throw MmdbFormatException.For(Source, $"search tree record {value} points outside the data section — corrupted");
        }

        return (int)value;
    }
}
