using System.Buffers.Binary;
using System.Text;

namespace MfaGateway.Protocols.Geo;

/// <summary>
/// Reads values of one section of a MaxMind DB file (the data section, or the metadata) at offsets
/// relative to the section's start, as pointers are. Every read is bounds-checked against the section,
/// pointer chains are one hop long (the spec forbids pointers to pointers) and nesting is bounded, so a
/// corrupted file ends in <see cref="MmdbFormatException"/>, never in a crash or a loop.
/// </summary>
internal sealed partial class MmdbDecoder
{
    /// <summary>GeoIP2 records nest four deep; anything near this limit is a pointer cycle, not data.</summary>
    public const int MaxDepth = 32;

    // Strict, so a corrupted string is reported instead of turning into replacement characters.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] buffer;
    private readonly int start;

    public MmdbDecoder(byte[] buffer, int start, int length, string source, string section)
    {
        this.buffer = buffer;
        this.start = start;
        Length = length;
        Source = source;
        Section = section;
    }

    /// <summary>Bytes in the section.</summary>
    public int Length { get; }

    public string Source { get; }

    public string Section { get; }

    public MmdbFormatException Corrupt(string problem, int offset) =>
        MmdbFormatException.For(Source, $"{problem} at offset {offset} of the {Section}");

    /// <summary>Reads the control byte(s) at <paramref name="offset"/> without following a pointer.</summary>
    public MmdbField ReadField(int offset)
    {
        var control = ReadByte(offset, offset);
        var type = (MmdbType)(control >> 5);
        var next = offset + 1;
        if (type == MmdbType.Pointer)
        {
            return ReadPointerField(control, next, offset);
        }

        if (type == MmdbType.Extended)
        {
            var extended = ReadByte(next, offset);
            next++;

            // Extended types are 8..15, stored as type - 7; anything else names no type.
            if (extended is 0 or > 8)
            {
                throw Corrupt($"invalid extended type byte {extended}", offset);
            }

            type = (MmdbType)(extended + 7);
        }

        var size = control & 0x1F;
        if (size >= 29)
        {
            var extra = size - 28;
            var tail = (int)ReadUnsignedBigEndian(next, extra, offset);
            size = extra switch
            {
                1 => 29 + tail,
                2 => 285 + tail,
                _ => 65_821 + tail,
            };
            next += extra;
        }

        var field = new MmdbField(type, size, next);
        if (type is not (MmdbType.Map or MmdbType.Array or MmdbType.Boolean) && (long)next + size > Length)
        {
            throw Corrupt($"{type} of {size} bytes runs past the end of the section", offset);
        }

        return field;
    }

    /// <summary>
    /// Reads the value at <paramref name="offset"/>, following a pointer if there is one, and returns where
    /// the value after it starts in place (after the pointer, not after its target).
    /// </summary>
    public MmdbField Resolve(int offset, out int next)
    {
        var field = ReadField(offset);
        if (field.Type != MmdbType.Pointer)
        {
            next = field.ScalarEnd;
            return field;
        }

        next = field.PayloadOffset;
        var target = ReadField(field.Size);
        if (target.Type == MmdbType.Pointer)
        {
            throw Corrupt("pointer to a pointer (the spec forbids them)", offset);
        }

        return target;
    }

    /// <summary>The offset just after the value at <paramref name="offset"/>, without following pointers.</summary>
    public int Skip(int offset, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"values nested more than {MaxDepth} deep", offset);
        }

        var field = ReadField(offset);
        switch (field.Type)
        {
            case MmdbType.Pointer:
                return field.PayloadOffset;
            case MmdbType.Map:
            {
                var next = field.PayloadOffset;
                for (var i = 0; i < field.Size; i++)
                {
                    next = Skip(next, depth + 1);
                    next = Skip(next, depth + 1);
                }

                return next;
            }

            case MmdbType.Array:
            {
                var next = field.PayloadOffset;
                for (var i = 0; i < field.Size; i++)
                {
                    next = Skip(next, depth + 1);
                }

                return next;
            }

            default:
                CheckScalar(field, offset);
                return field.ScalarEnd;
        }
    }

    /// <summary>Resolves the map at <paramref name="offset"/> and returns where its first key is.</summary>
    public int OpenMap(int offset, out int count)
    {
        var map = Resolve(offset, out _);
        if (map.Type != MmdbType.Map)
        {
            throw Corrupt($"expected a map, found {map.Type}", offset);
        }

        count = map.Size;
        return map.PayloadOffset;
    }

    /// <summary>The key of the map entry at <paramref name="at"/>, as UTF-8 bytes, and where its value is.</summary>
    public ReadOnlySpan<byte> ReadKey(int at, out int valueOffset)
    {
        var key = Resolve(at, out valueOffset);
        if (key.Type != MmdbType.Utf8String)
        {
            throw Corrupt($"map key is {key.Type}, not a string", at);
        }

        return Span(key);
    }

    /// <summary>
    /// Finds <paramref name="key"/> in the map at <paramref name="mapOffset"/> (a pointer to a map is fine)
    /// and returns the offset of its value, or -1. Other entries are skipped, never decoded.
    /// </summary>
    public int FindInMap(int mapOffset, ReadOnlySpan<byte> key)
    {
        var at = OpenMap(mapOffset, out var count);
        for (var i = 0; i < count; i++)
        {
            if (ReadKey(at, out var valueOffset).SequenceEqual(key))
            {
                return valueOffset;
            }

            at = Skip(valueOffset, 1);
        }

        return -1;
    }

    /// <summary>Follows a path of map keys from <paramref name="offset"/>; -1 when any key is absent.</summary>
    public int FindPath(int offset, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var inner = offset < 0 ? -1 : FindInMap(offset, first);
        return inner < 0 ? -1 : FindInMap(inner, second);
    }

    public string ReadString(int offset)
    {
        var field = Resolve(offset, out _);
        Expect(field, MmdbType.Utf8String, offset);
        return DecodeUtf8(field, offset);
    }

    public double ReadDouble(int offset)
    {
        var field = Resolve(offset, out _);
        Expect(field, MmdbType.Double, offset);
        CheckScalar(field, offset);
        return BinaryPrimitives.ReadDoubleBigEndian(Span(field));
    }

    /// <summary>Reads any unsigned integer type up to 64 bits, as writers choose the width freely.</summary>
    public ulong ReadUnsigned(int offset)
    {
        var field = Resolve(offset, out _);
        if (field.Type is not (MmdbType.UInt16 or MmdbType.UInt32 or MmdbType.UInt64))
        {
            throw Corrupt($"expected an unsigned integer, found {field.Type}", offset);
        }

        CheckScalar(field, offset);
        return ReadUnsignedBigEndian(field.PayloadOffset, field.Size, offset);
    }

    private MmdbField ReadPointerField(byte control, int next, int offset)
    {
        // Pointer layout (spec "Pointer - 1"): size bits 001SSVVV; SS picks 1..4 following bytes and a bias.
        var sizeBits = (control >> 3) & 0x3;
        var high = control & 0x7;
        var bytes = sizeBits + 1;
        var tail = ReadUnsignedBigEndian(next, bytes, offset);
        var target = sizeBits switch
        {
            0 => ((ulong)high << 8) | tail,
            1 => (((ulong)high << 16) | tail) + 2_048,
            2 => (((ulong)high << 24) | tail) + 526_336,
            _ => tail,
        };
        if (target >= (ulong)Length)
        {
            throw Corrupt($"pointer to offset {target} outside the section ({Length} bytes)", offset);
        }

        return new MmdbField(MmdbType.Pointer, (int)target, next + bytes);
    }

    private void CheckScalar(MmdbField field, int offset)
    {
        var valid = field.Type switch
        {
            MmdbType.Double => field.Size == 8,
            MmdbType.Float => field.Size == 4,
            MmdbType.UInt16 => field.Size <= 2,
            MmdbType.UInt32 or MmdbType.Int32 => field.Size <= 4,
            MmdbType.UInt64 => field.Size <= 8,
            MmdbType.UInt128 => field.Size <= 16,
            MmdbType.Boolean => field.Size <= 1,
            MmdbType.Utf8String or MmdbType.Bytes => true,
            _ => false,
        };
        if (!valid)
        {
            throw Corrupt($"invalid {field.Type} of size {field.Size}", offset);
        }
    }

    private void Expect(MmdbField field, MmdbType type, int offset)
    {
        if (field.Type != type)
        {
            throw Corrupt($"expected {type}, found {field.Type}", offset);
        }
    }

    private string DecodeUtf8(MmdbField field, int offset)
    {
        try
        {
            return StrictUtf8.GetString(Span(field));
        }
        catch (DecoderFallbackException exception)
        {
            // The decoder's own message says which bytes were wrong.
            throw Corrupt($"string is not valid UTF-8 ({exception.Message})", offset);
        }
    }

    private ReadOnlySpan<byte> Span(MmdbField field) => buffer.AsSpan(start + field.PayloadOffset, field.Size);

    private byte ReadByte(int at, int valueOffset)
    {
        if ((uint)at >= (uint)Length)
        {
            throw Corrupt("value runs past the end of the section", valueOffset);
        }

        return buffer[start + at];
    }

    private ulong ReadUnsignedBigEndian(int at, int count, int valueOffset)
    {
        if (at < 0 || (long)at + count > Length)
        {
            throw Corrupt("value runs past the end of the section", valueOffset);
        }

        ulong value = 0;
        foreach (var b in buffer.AsSpan(start + at, count))
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
