using System.Buffers.Binary;
using System.Text;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// Decodes the metadata map of a MaxMind DB file (spec v2, "Data Section Format"), strictly and within
/// bounds, for <see cref="MmdbPreflight"/>. It knows just enough of the format for metadata: maps,
/// arrays, strings, unsigned and signed integers, doubles, floats, booleans, bytes and pointers.
/// </summary>
internal sealed class MmdbMetadataDecoder(ReadOnlyMemory<byte> section)
{
    private const int MaxDepth = 16;

    // Pointers let a small section expand into a huge value; real metadata has a few dozen values.
    private int _budget = 100_000;

    /// <summary>Decodes the value at <paramref name="offset"/>; throws <see cref="FormatException"/> when it is malformed.</summary>
    public object Decode(int offset) => Decode(ref offset, 0, followPointers: true);

    private object Decode(ref int offset, int depth, bool followPointers)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("values nest too deeply");
        }

        if (--_budget < 0)
        {
            throw new FormatException("the metadata expands into too many values");
        }

        var span = section.Span;
        var control = Byte(span, offset++);
        var type = control >> 5;
        if (type == 1)
        {
            var target = PointerTarget(span, control, ref offset);
            if (!followPointers)
            {
                throw new FormatException("a pointer points to another pointer");
            }

            return Decode(ref target, depth + 1, followPointers: false);
        }

        if (type == 0)
        {
            type = 7 + Byte(span, offset++);
        }

        var size = Size(span, control & 0x1F, ref offset);
        switch (type)
        {
            case 2:
                var text = Encoding.UTF8.GetString(Slice(span, offset, size));
                offset += size;
                return text;
            case 3:
                return ReadDouble(span, ref offset, size, 8, static b => BinaryPrimitives.ReadDoubleBigEndian(b));
            case 15:
                return ReadDouble(span, ref offset, size, 4, static b => BinaryPrimitives.ReadSingleBigEndian(b));
            case 4:
                var bytes = Slice(span, offset, size).ToArray();
                offset += size;
                return bytes;
            case 5 or 6 or 9 or 10:
                return Unsigned(span, ref offset, size, type switch { 5 => 2, 6 => 4, 9 => 8, _ => 16 });
            case 8:
                return (long)(int)Unsigned(span, ref offset, size, 4);
            case 14:
                return size switch
                {
                    0 => false,
                    1 => true,
                    _ => throw new FormatException($"a boolean has size {size}"),
                };
            case 7:
                var map = new Dictionary<string, object>(StringComparer.Ordinal);
                for (var i = 0; i < size; i++)
                {
                    if (Decode(ref offset, depth + 1, followPointers: true) is not string key)
                    {
                        throw new FormatException("a map key is not a string");
                    }

                    map[key] = Decode(ref offset, depth + 1, followPointers: true);
                }

                return map;
            case 11:
                var list = new List<object>(Math.Min(size, span.Length - offset));
                for (var i = 0; i < size; i++)
                {
                    list.Add(Decode(ref offset, depth + 1, followPointers: true));
                }

                return list;
            default:
                throw new FormatException($"type {type} cannot appear in metadata");
        }
    }

    private static double ReadDouble(ReadOnlySpan<byte> span, ref int offset, int size, int expected, Func<ReadOnlySpan<byte>, double> read)
    {
        if (size != expected)
        {
            throw new FormatException($"a {expected * 8}-bit float has size {size}");
        }

        var value = read(Slice(span, offset, size));
        offset += size;
        return value;
    }

    private static ulong Unsigned(ReadOnlySpan<byte> span, ref int offset, int size, int maxBytes)
    {
        if (size > maxBytes)
        {
            throw new FormatException($"an integer has {size} bytes, more than its type's {maxBytes}");
        }

        ulong value = 0;
        foreach (var b in Slice(span, offset, size))
        {
            // A 128-bit value above 2^64 is never a sensible metadata number; refuse it rather than wrap.
            if (value >> 56 != 0)
            {
                throw new FormatException("an integer is too large");
            }

            value = (value << 8) | b;
        }

        offset += size;
        return value;
    }

    private static int Size(ReadOnlySpan<byte> span, int size, ref int offset)
    {
        var extra = size switch { 29 => 1, 30 => 2, 31 => 3, _ => 0 };
        if (extra == 0)
        {
            return size;
        }

        var value = 0;
        foreach (var b in Slice(span, offset, extra))
        {
            value = (value << 8) | b;
        }

        offset += extra;
        return size switch { 29 => 29 + value, 30 => 285 + value, _ => 65_821 + value };
    }

    private static int PointerTarget(ReadOnlySpan<byte> span, byte control, ref int offset)
    {
        var length = ((control >> 3) & 0x3) + 1;
        var bytes = Slice(span, offset, length);
        offset += length;
        long value = length == 4 ? 0 : control & 0x7;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        value += length switch { 2 => 2_048, 3 => 526_336, _ => 0 };
        return value < span.Length ? (int)value : throw new FormatException("a pointer points outside the metadata");
    }

    private static byte Byte(ReadOnlySpan<byte> span, int offset) =>
        offset < span.Length ? span[offset] : throw new FormatException("the metadata ends in the middle of a value");

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> span, int offset, int length) =>
        length >= 0 && offset <= span.Length - length ? span.Slice(offset, length) : throw new FormatException("the metadata ends in the middle of a value");
}
