using System.Text;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class Base32Tests
{
    // RFC 4648 section 10 test vectors (with the RFC's padding).
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void Rfc4648_section_10_vectors_match_ignoring_padding(string plain, string paddedBase32)
    {
        var bytes = Encoding.ASCII.GetBytes(plain);

        Assert.Equal(paddedBase32.TrimEnd('='), Base32.Encode(bytes));
        Assert.Equal(bytes, Base32.Decode(paddedBase32));
        Assert.Equal(bytes, Base32.Decode(paddedBase32.TrimEnd('=')));
    }

    [Fact]
    public void Random_data_of_every_length_up_to_100_round_trips()
    {
        var random = new Random(4648);
        for (var length = 0; length <= 100; length++)
        {
            for (var sample = 0; sample < 20; sample++)
            {
                var data = new byte[length];
                random.NextBytes(data);

                var encoded = Base32.Encode(data);

                Assert.Equal((length * 8 + 4) / 5, encoded.Length);
                Assert.All(encoded, c => Assert.Contains(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
                Assert.Equal(data, Base32.Decode(encoded));
                Assert.True(Base32.TryDecode(encoded.ToLowerInvariant(), out var decoded));
                Assert.Equal(data, decoded);
            }
        }
    }

    [Fact]
    public void Every_byte_value_survives_a_round_trip()
    {
        byte[] data = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

        Assert.Equal(data, Base32.Decode(Base32.Encode(data)));
    }

    [Theory]
    [InlineData("mzxw6ytboi")]
    [InlineData("MzXw6YtBoI")]
    [InlineData("MZXW 6YTB OI")]
    [InlineData("mzxw-6ytb-oi")]
    [InlineData(" MZXW6YTBOI ")]
    [InlineData("mzxw 6ytb-oi======")]
    [InlineData("MZXW6YTBOI== ====")]
    public void Decoding_accepts_what_people_type(string text)
    {
        Assert.Equal("foobar"u8.ToArray(), Base32.Decode(text));
        Assert.True(Base32.TryDecode(text, out var data));
        Assert.Equal("foobar"u8.ToArray(), data);
    }

    [Theory]
    [InlineData("MZXW1YTB", '1')]
    [InlineData("MZXW8YTB", '8')]
    [InlineData("MZXW0YTB", '0')]
    [InlineData("MZXW!YTB", '!')]
    [InlineData("MZXWÄYTB", 'Ä')]
    public void Characters_outside_the_alphabet_are_rejected(string text, char offending)
    {
        FormatException error = Assert.Throws<FormatException>(() => Base32.Decode(text));

        Assert.Contains($"'{offending}'", error.Message);
        Assert.Contains("position 4", error.Message);
        Assert.False(Base32.TryDecode(text, out var data));
        Assert.Null(data);
    }

    [Theory]
    [InlineData("MZXW\tYTB")]
    [InlineData("MZXW\nYTB")]
    [InlineData("MZXW_YTB")]
    [InlineData("MZXW.YTB")]
    public void Separators_other_than_spaces_and_hyphens_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => Base32.Decode(text));
        Assert.False(Base32.TryDecode(text, out _));
    }

    [Theory]
    [InlineData("MY==MZXQ")]
    [InlineData("=MZXW6YTB")]
    public void Padding_before_the_end_is_rejected(string text)
    {
        FormatException error = Assert.Throws<FormatException>(() => Base32.Decode(text));

        Assert.Contains("padding", error.Message);
        Assert.False(Base32.TryDecode(text, out _));
    }

    [Theory]
    [InlineData("M")]
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    [InlineData("MZXW6YTBO")]
    public void Lengths_no_encoder_produces_are_rejected_as_truncated(string text)
    {
        FormatException error = Assert.Throws<FormatException>(() => Base32.Decode(text));

        Assert.Contains("truncated", error.Message);
        Assert.False(Base32.TryDecode(text, out _));
    }

    [Fact]
    public void Error_messages_do_not_echo_the_secret()
    {
        FormatException error = Assert.Throws<FormatException>(() => Base32.Decode("JBSWY3DPEHPK3PX1"));

        Assert.DoesNotContain("JBSWY3DP", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("====")]
    [InlineData("- -")]
    public void Text_without_characters_decodes_to_no_bytes(string text)
    {
        Assert.Empty(Base32.Decode(text));
    }

    [Fact]
    public void Null_is_rejected_by_decode_and_refused_by_try_decode()
    {
        Assert.Throws<ArgumentNullException>(() => Base32.Decode(null!));
        Assert.False(Base32.TryDecode(null!, out _));
    }
}
