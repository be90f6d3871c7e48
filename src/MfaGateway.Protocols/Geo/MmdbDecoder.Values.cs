using System.Buffers.Binary;

namespace MfaGateway.Protocols.Geo;

/// <summary>Whole-value decoding into .NET objects: for metadata, tests and tools, not for the lookup hot path.</summary>
internal sealed partial class MmdbDecoder
{
    /// <summary>
    /// Pointers let a small file describe a huge tree (an array of pointers to one big array), so decoding
    /// a whole value stops after this many values instead of exhausting memory.
    /// </summary>
    private const int MaxDecodedValues = 1_000_000;

    /// <summary>
    /// Decodes the value at <paramref name="offset"/>: string, double, float, byte[], ushort, uint, int,
    /// ulong, UInt128, bool, <see cref="Dictionary{TKey,TValue}"/> of string to object, or <see cref="List{T}"/> of object.
    /// </summary>
    public object Decode(int offset)
    {
        var budget = MaxDecodedValues;
        return Decode(offset, 0, ref budget, out _);
    }

    private object Decode(int offset, int depth, ref int budget, out int next)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"values nested more than {MaxDepth} deep", offset);
        }

        if (--budget < 0)
        {
            throw Corrupt($"value expands to more than {MaxDecodedValues} values", offset);
        }

        var field = Resolve(offset, out next);
        switch (field.Type)
        {
            case MmdbType.Map:
            {
                var map = new Dictionary<string, object>(Math.Min(field.Size, 64), StringComparer.Ordinal);
                var at = field.PayloadOffset;
                for (var i = 0; i < field.Size; i++)
                {
                    var key = ReadString(at);
                    at = Skip(at, depth + 1);
                    map[key] = Decode(at, depth + 1, ref budget, out at);
                }

                FinishContainer(offset, at, ref next);
                return map;
            }

            case MmdbType.Array:
            {
                var list = new List<object>(Math.Min(field.Size, 64));
                var at = field.PayloadOffset;
                for (var i = 0; i < field.Size; i++)
                {
                    list.Add(Decode(at, depth + 1, ref budget, out at));
                }

                FinishContainer(offset, at, ref next);
                return list;
            }

            default:
                CheckScalar(field, offset);
                return DecodeScalar(field, offset);
        }
    }

    /// <summary>A container read in place ends after its last entry; one reached through a pointer ends after the pointer.</summary>
    private void FinishContainer(int offset, int end, ref int next)
    {
        if (ReadField(offset).Type != MmdbType.Pointer)
        {
            next = end;
        }
    }

    private object DecodeScalar(MmdbField field, int offset)
    {
        // Booleans keep their value in the size field and have no payload to slice.
        var bytes = field.Type == MmdbType.Boolean ? default : Span(field);
        return field.Type switch
        {
            MmdbType.Utf8String => DecodeUtf8(field, offset),
            MmdbType.Double => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            MmdbType.Float => BinaryPrimitives.ReadSingleBigEndian(bytes),
            MmdbType.Bytes => bytes.ToArray(),
            MmdbType.UInt16 => (ushort)ReadUnsignedBigEndian(field.PayloadOffset, field.Size, offset),
            MmdbType.UInt32 => (uint)ReadUnsignedBigEndian(field.PayloadOffset, field.Size, offset),

            // Shorter int32 values are zero-padded on the left, so only a full 4 bytes can be negative.
            MmdbType.Int32 => unchecked((int)(uint)ReadUnsignedBigEndian(field.PayloadOffset, field.Size, offset)),
            MmdbType.UInt64 => ReadUnsignedBigEndian(field.PayloadOffset, field.Size, offset),
            MmdbType.UInt128 => ReadUInt128(bytes),
            MmdbType.Boolean => field.Size == 1,
            _ => throw Corrupt($"unexpected {field.Type}", offset),
        };
    }

    private static UInt128 ReadUInt128(ReadOnlySpan<byte> bytes)
    {
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
