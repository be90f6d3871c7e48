using System.Buffers.Binary;
using System.Text;

namespace MfaGateway.TestSupport.Mmdb;

/// <summary>
/// Encodes values in the MaxMind DB data format. Strings already written are replaced by pointers to
/// them when the pointer is shorter, which is how map keys like "names" cost a few bytes each.
/// </summary>
public sealed class MmdbDataWriter
{
    private readonly List<byte> bytes = [];
    private readonly Dictionary<string, int>? writtenStrings;

    /// <param name="deduplicate">False for the metadata, where readers expect no pointers.</param>
    public MmdbDataWriter(bool deduplicate)
    {
        writtenStrings = deduplicate ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
    }

    public int Length => bytes.Count;

    public byte[] ToArray() => [.. bytes];

    /// <summary>Appends <paramref name="value"/> and returns its offset.</summary>
    public int Write(object value)
    {
        var offset = bytes.Count;
        WriteValue(value);
        return offset;
    }

    private void WriteValue(object value)
    {
        switch (value)
        {
            case string text:
                WriteString(text);
                break;
            case double number:
                WriteControl(MmdbType.Double, 8);
                AppendBigEndian(BitConverter.DoubleToUInt64Bits(number), 8);
                break;
            case float number:
                WriteControl(MmdbType.Float, 4);
                AppendBigEndian(BitConverter.SingleToUInt32Bits(number), 4);
                break;
            case byte[] raw:
                WriteControl(MmdbType.Bytes, raw.Length);
                bytes.AddRange(raw);
                break;
            case ushort number:
                WriteUnsigned(MmdbType.UInt16, number);
                break;
            case uint number:
                WriteUnsigned(MmdbType.UInt32, number);
                break;
            case ulong number:
                WriteUnsigned(MmdbType.UInt64, number);
                break;
            case UInt128 number:
                WriteUInt128(number);
                break;
            case int number:
                // Negative values need all four bytes; the reader sign-extends only a full int32.
                var size = number < 0 ? 4 : MinimalBytes((uint)number);
                WriteControl(MmdbType.Int32, size);
                AppendBigEndian((uint)number, size);
                break;
            case bool flag:
                WriteControl(MmdbType.Boolean, flag ? 1 : 0);
                break;
            case IEnumerable<KeyValuePair<string, object>> map:
                WriteMap(map);
                break;
            case System.Collections.IEnumerable list:
                WriteArray(list);
                break;
            default:
                throw new ArgumentException($"Type {value.GetType()} has no MaxMind DB encoding.", nameof(value));
        }
    }

    private void WriteMap(IEnumerable<KeyValuePair<string, object>> map)
    {
        var entries = map.ToList();
        WriteControl(MmdbType.Map, entries.Count);
        foreach (var (key, item) in entries)
        {
            WriteString(key);
            WriteValue(item);
        }
    }

    private void WriteArray(System.Collections.IEnumerable list)
    {
        var items = list.Cast<object>().ToList();
        WriteControl(MmdbType.Array, items.Count);
        foreach (var item in items)
        {
            WriteValue(item);
        }
    }

    private void WriteString(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (writtenStrings is not null && writtenStrings.TryGetValue(text, out var earlier)
            && PointerSize(earlier) < ControlSize(utf8.Length) + utf8.Length)
        {
            WritePointer(earlier);
            return;
        }

        writtenStrings?.TryAdd(text, bytes.Count);
        WriteControl(MmdbType.Utf8String, utf8.Length);
        bytes.AddRange(utf8);
    }

    private void WritePointer(int target)
    {
        // Spec "Pointer - 1": 1 to 4 bytes after the control byte, each size with its own bias.
        if (target < 2_048)
        {
            bytes.Add((byte)(0x20 | (target >> 8)));
            AppendBigEndian((uint)target, 1);
        }
        else if (target < 526_336)
        {
            var biased = target - 2_048;
            bytes.Add((byte)(0x28 | (biased >> 16)));
            AppendBigEndian((uint)biased, 2);
        }
        else if (target < 134_744_064)
        {
            var biased = target - 526_336;
            bytes.Add((byte)(0x30 | (biased >> 24)));
            AppendBigEndian((uint)biased, 3);
        }
        else
        {
            bytes.Add(0x38);
            AppendBigEndian((uint)target, 4);
        }
    }

    private static int PointerSize(int target) => target switch
    {
        < 2_048 => 2,
        < 526_336 => 3,
        < 134_744_064 => 4,
        _ => 5,
    };

    private static int ControlSize(int size) => size switch
    {
        < 29 => 1,
        < 285 => 2,
        < 65_821 => 3,
        _ => 4,
    };

    private void WriteUnsigned(MmdbType type, ulong value)
    {
        var size = MinimalBytes(value);
        WriteControl(type, size);
        AppendBigEndian(value, size);
    }

    private void WriteUInt128(UInt128 value)
    {
        Span<byte> full = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(full, value);
        var significant = full.TrimStart((byte)0);
        WriteControl(MmdbType.UInt128, significant.Length);
        foreach (var b in significant)
        {
            bytes.Add(b);
        }
    }

    private void WriteControl(MmdbType type, int size)
    {
        // Spec "Data Field Format": sizes from 29 on spill into 1-3 following bytes, each width with a bias.
        var code = (int)type;
        var extended = code > 7;
        var (sizeBits, extra, tail) = size switch
        {
            < 29 => (size, 0, 0),
            < 285 => (29, 1, size - 29),
            < 65_821 => (30, 2, size - 285),
            _ => (31, 3, size - 65_821),
        };

        bytes.Add((byte)((extended ? 0 : code << 5) | sizeBits));
        if (extended)
        {
            bytes.Add((byte)(code - 7));
        }

        AppendBigEndian((ulong)tail, extra);
    }

    private static int MinimalBytes(ulong value) => (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 7) / 8;

    private void AppendBigEndian(ulong value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            bytes.Add((byte)(value >> (i * 8)));
        }
    }
}
