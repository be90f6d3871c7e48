using MfaGateway.Protocols.Geo;

namespace MfaGateway.Protocols.Tests.Geo;

/// <summary>Hand-built byte sequences following the examples and rules of the MaxMind DB spec v2, "Output Data Section".</summary>
public sealed class MmdbDecoderTests
{
    public static TheoryData<string, object> Values => new()
    {
        // Control byte: the top three bits are the type, the low five the size.
        { "40", string.Empty },
        { "43 46 6F 6F", "Foo" },
        { "43 E4 BA BA", "人" },
        { "68 40 45 00 00 00 00 00 00", 42.0 },
        { "68 BF F0 00 00 00 00 00 00", -1.0 },
        { "83 01 02 03", new byte[] { 1, 2, 3 } },
        { "A0", (ushort)0 },
        { "A1 FF", (ushort)255 },
        { "A2 01 F4", (ushort)500 },
        { "C0", 0u },
        { "C4 FF FF FF FF", uint.MaxValue },

        // Extended types: type 0 in the control byte, the real type minus 7 in the next byte.
        { "01 01 01", 1 },
        { "00 01", 0 },
        { "04 01 FF FF FF FF", -1 },
        { "04 01 80 00 00 00", int.MinValue },
        { "02 02 01 00", 256UL },
        { "08 02 FF FF FF FF FF FF FF FF", ulong.MaxValue },
        { "10 03 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF", UInt128.MaxValue },
        { "01 03 01", (UInt128)1 },
        { "01 07", true },
        { "00 07", false },
        { "04 08 3F 8C CC CD", 1.1f },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Scalars_decode_as_the_spec_describes(string hex, object expected)
    {
        Assert.Equal(expected, Decoder(hex).Decode(0));
    }

    [Fact]
    public void Maps_and_arrays_decode_with_their_entries()
    {
        // {"en": "Germany", "list": ["Foo", 1u]}
        var decoder = Decoder("E2 42 65 6E 47 47 65 72 6D 61 6E 79 44 6C 69 73 74 02 04 43 46 6F 6F C1 01");

        var map = Assert.IsType<Dictionary<string, object>>(decoder.Decode(0));

        Assert.Equal("Germany", map["en"]);
        Assert.Equal(new List<object> { "Foo", 1u }, map["list"]);
    }

    [Theory]
    [InlineData(29, "5D 00")] // sizes 29..284: 29 plus the next byte
    [InlineData(284, "5D FF")]
    [InlineData(285, "5E 00 00")] // sizes 285..65820: 285 plus the next two bytes
    [InlineData(65_820, "5E FF FF")]
    [InlineData(65_821, "5F 00 00 00")] // larger: 65821 plus the next three bytes
    [InlineData(70_000, "5F 00 10 53")]
    public void Long_strings_take_their_size_from_the_following_bytes(int length, string control)
    {
        var bytes = Hex(control).Concat(Enumerable.Repeat((byte)'x', length)).ToArray();

        Assert.Equal(new string('x', length), Decoder(bytes).Decode(0));
    }

    [Theory]
    [InlineData("20 05", 5)] // SS = 0: VVV and one byte
    [InlineData("27 FF", 2_047)]
    [InlineData("28 00 00", 2_048)] // SS = 1: VVV and two bytes, plus 2048
    [InlineData("2F FF FF", 526_335)]
    [InlineData("30 00 00 00", 526_336)] // SS = 2: VVV and three bytes, plus 526336
    [InlineData("38 00 08 0A 00", 526_848)] // SS = 3: four bytes as they are, VVV ignored
    [InlineData("3F 00 00 00 10", 16)]
    public void Pointers_decode_with_the_spec_biases(string hex, int target)
    {
        var bytes = new byte[600_000];
        Hex(hex).CopyTo(bytes, 0);

        var field = Decoder(bytes).ReadField(0);

        Assert.Equal(MmdbType.Pointer, field.Type);
        Assert.Equal(target, field.Size);
    }

    [Fact]
    public void A_pointer_is_followed_and_the_next_value_starts_after_the_pointer()
    {
        // [pointer to 4, uint16 7] then at offset 4 the string "ab".
        var decoder = Decoder("20 04 A1 07 42 61 62");

        Assert.Equal("ab", decoder.Decode(0));
        Assert.Equal(2, decoder.Skip(0, 0));
    }

    [Theory]
    [InlineData("20 02 20 00", "pointer to a pointer")]
    [InlineData("00 00", "invalid extended type byte 0")]
    [InlineData("00 09", "invalid extended type byte 9")]
    [InlineData("45 61", "runs past the end")]
    [InlineData("64 00 00 00 00", "invalid Double of size 4")]
    [InlineData("03 08 00 00 00", "invalid Float of size 3")]
    [InlineData("A3 00 00 01", "invalid UInt16 of size 3")]
    [InlineData("05 01 00 00 00 00 00", "invalid Int32 of size 5")]
    [InlineData("41 FF", "not valid UTF-8")]
    [InlineData("20 10", "outside the section")]
    [InlineData("E1 A1 01 A1 01", "expected Utf8String, found UInt16")]
    [InlineData("00 05", "invalid DataCacheContainer")]
    [InlineData("E1 41 61 20 00", "nested more than")] // {"a": pointer back to the map itself}
    [InlineData("5D", "runs past the end")]
    public void Malformed_values_raise_MmdbFormatException_naming_the_problem(string hex, string problem)
    {
        var exception = Assert.Throws<MmdbFormatException>(() => Decoder(hex).Decode(0));

        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        Assert.Contains("'test.mmdb'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_file_cannot_expand_into_a_huge_value_through_pointers()
    {
        // An array of 1000 pointers to itself would expand without end if pointers were followed blindly.
        var bytes = Hex("0B 04 03 CD").Concat(Enumerable.Range(0, 1000).SelectMany(_ => Hex("20 00"))).ToArray();

        Assert.Throws<MmdbFormatException>(() => Decoder(bytes).Decode(0));
    }

    private static MmdbDecoder Decoder(string hex) => Decoder(Hex(hex));

    private static MmdbDecoder Decoder(byte[] bytes) => new(bytes, 0, bytes.Length, "test.mmdb", "data section");

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
