using System.Net;
using System.Net.Sockets;

namespace MfaGateway.TestSupport.Mmdb;

/// <summary>
/// Builds a MaxMind DB (spec v2) file from networks and their records, e.g. an operator's own networks
/// with ASN-shaped records, or small fixtures for tests. Later inserts win over earlier ones where they
/// overlap; a more specific network inside an earlier one keeps the rest of the earlier network.
/// </summary>
public sealed class MmdbWriter
{
    private readonly MmdbWriterOptions options;
    private readonly TrieSlot root = new();
    private readonly MmdbDataWriter data = new(deduplicate: true);

    // Identical records are written once; the key is their encoding without pointers.
    private readonly Dictionary<string, int> recordOffsets = new(StringComparer.Ordinal);

    public MmdbWriter(MmdbWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IpVersion is not (4 or 6))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.IpVersion, "IpVersion must be 4 or 6.");
        }

        if (options.RecordSize is not (24 or 28 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RecordSize, "RecordSize must be 24, 28 or 32.");
        }

        ArgumentException.ThrowIfNullOrEmpty(options.DatabaseType);
        this.options = options;
    }

    /// <summary>Adds a network in CIDR notation, e.g. "192.0.2.0/24" or "2001:db8::/32".</summary>
    public void Insert(string network, IReadOnlyDictionary<string, object> record)
    {
        var parsed = IPNetwork.Parse(network);
        Insert(parsed.BaseAddress, parsed.PrefixLength, record);
    }

    /// <summary>
    /// Adds a network. Record values may be string, double, float, byte[], ushort, uint, ulong, UInt128,
    /// int, bool, maps of string to object, and lists of these.
    /// </summary>
    public void Insert(IPAddress address, int prefixLength, IReadOnlyDictionary<string, object> record)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(record);
        var bits = AddressBits(address, ref prefixLength);
        var dataOffset = WriteRecord(record);

        var slot = root;
        for (var depth = 0; depth < prefixLength; depth++)
        {
            var bit = (bits[depth >> 3] >> (7 - (depth & 7))) & 1;

            // Splitting a network that already has data: both halves keep it, and the walk goes on.
            if (slot.Node is null)
            {
                var node = new TrieNode();
                node.Children[0].DataOffset = slot.DataOffset;
                node.Children[1].DataOffset = slot.DataOffset;
                slot.Node = node;
                slot.DataOffset = null;
            }

            slot = slot.Node.Children[bit];
        }

        slot.Node = null;
        slot.DataOffset = dataOffset;
    }

    /// <summary>Bytes of the data section so far (records and the strings they share), for tests of deduplication.</summary>
    public int DataSectionLength => data.Length;

    /// <summary>"\xAB\xCD\xEFMaxMind.com", which starts the metadata section.</summary>
    public static readonly byte[] MarkerBytes = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    /// <summary>Serialises the database.</summary>
    /// <param name="changeMetadata">Edits the metadata map before it is written: corruption tests damage it on purpose.</param>
    /// <exception cref="InvalidOperationException">The tree and data do not fit in the chosen record size.</exception>
    public byte[] Build(Action<Dictionary<string, object>>? changeMetadata = null)
    {
        var nodes = Number();
        var nodeCount = nodes.Count;
        var dataBytes = data.ToArray();
        var largest = (long)nodeCount + 16 + dataBytes.Length;
        if (largest >= 1L << options.RecordSize)
        {
            throw new InvalidOperationException(
                $"{nodeCount} nodes and {dataBytes.Length} data bytes do not fit in {options.RecordSize}-bit records; choose a larger RecordSize.");
        }

        var nodeBytes = options.RecordSize / 4;
        using var output = new MemoryStream();
        var node = new byte[nodeBytes];
        foreach (var trieNode in nodes)
        {
            var left = RecordValue(trieNode.Children[0], nodeCount);
            var right = RecordValue(trieNode.Children[1], nodeCount);
            EncodeNode(node, left, right);
            output.Write(node);
        }

        output.Write(new byte[16]);
        output.Write(dataBytes);
        output.Write(MarkerBytes);
        output.Write(Metadata(nodeCount, changeMetadata));
        return output.ToArray();
    }

    /// <summary>Writes the database to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllBytes(path, Build());

    private byte[] AddressBits(IPAddress address, ref int prefixLength)
    {
        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, maxPrefix);
        var bytes = address.GetAddressBytes();
        if (bytes.Length == 16 && options.IpVersion == 4)
        {
            throw new ArgumentException($"{address} is IPv6; the database is IPv4-only.", nameof(address));
        }

        if (bytes.Length == 4 && options.IpVersion == 6)
        {
            // IPv4 networks live under ::/96 in an IPv6 tree, where readers look for them.
            var mapped = new byte[16];
            bytes.CopyTo(mapped, 12);
            prefixLength += 96;
            return mapped;
        }

        return bytes;
    }

    private int WriteRecord(IReadOnlyDictionary<string, object> record)
    {
        var plain = new MmdbDataWriter(deduplicate: false);
        plain.Write(record);
        var key = Convert.ToBase64String(plain.ToArray());
        if (!recordOffsets.TryGetValue(key, out var offset))
        {
            offset = data.Write(record);
            recordOffsets[key] = offset;
        }

        return offset;
    }

    /// <summary>
    /// Depth-first numbering, node 0 the root as readers require: a lookup's path then runs through
    /// nearby nodes, which keeps the deep levels of a walk in fewer cache lines.
    /// </summary>
    private List<TrieNode> Number()
    {
        var root = this.root.Node ?? SplitRoot();
        var nodes = new List<TrieNode>();
        var pending = new Stack<TrieNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            node.Number = nodes.Count;
            nodes.Add(node);
            for (var bit = 1; bit >= 0; bit--)
            {
                if (node.Children[bit].Node is { } child)
                {
                    pending.Push(child);
                }
            }
        }

        return nodes;
    }

    /// <summary>A tree needs at least one node, even for an empty database or a single /0.</summary>
    private TrieNode SplitRoot()
    {
        var node = new TrieNode();
        node.Children[0].DataOffset = root.DataOffset;
        node.Children[1].DataOffset = root.DataOffset;
        root.Node = node;
        return node;
    }

    private static long RecordValue(TrieSlot slot, int nodeCount) =>
        slot.Node is not null ? slot.Node.Number
        : slot.DataOffset is { } offset ? nodeCount + 16L + offset
        : nodeCount;

    private void EncodeNode(byte[] node, long left, long right)
    {
        switch (options.RecordSize)
        {
            case 24:
                Put(node, 0, left, 3);
                Put(node, 3, right, 3);
                break;
            case 28:
                Put(node, 0, left & 0xFFFFFF, 3);
                node[3] = (byte)((((left >> 24) & 0x0F) << 4) | ((right >> 24) & 0x0F));
                Put(node, 4, right & 0xFFFFFF, 3);
                break;
            default:
                Put(node, 0, left, 4);
                Put(node, 4, right, 4);
                break;
        }
    }

    private static void Put(byte[] target, int at, long value, int count)
    {
        for (var i = 0; i < count; i++)
        {
            target[at + i] = (byte)(value >> ((count - 1 - i) * 8));
        }
    }

    private byte[] Metadata(int nodeCount, Action<Dictionary<string, object>>? change)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = (ulong)options.BuildTime.ToUnixTimeSeconds(),
            ["database_type"] = options.DatabaseType,
            ["description"] = options.Description.ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal),
            ["ip_version"] = (ushort)options.IpVersion,
            ["languages"] = options.Languages.Cast<object>().ToList(),
            ["node_count"] = (uint)nodeCount,
            ["record_size"] = (ushort)options.RecordSize,
        };
        change?.Invoke(map);
        var metadata = new MmdbDataWriter(deduplicate: false);
        metadata.Write(map);
        return metadata.ToArray();
    }

    private sealed class TrieNode
    {
        public TrieSlot[] Children { get; } = [new(), new()];

        public int Number { get; set; }
    }

    /// <summary>One record of a node: a child node, a data offset, or neither (no data).</summary>
    private sealed class TrieSlot
    {
        public TrieNode? Node { get; set; }

        public int? DataOffset { get; set; }
    }
}
