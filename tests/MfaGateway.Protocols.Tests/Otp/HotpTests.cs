using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class HotpTests
{
    // RFC 4226 Appendix D: counter and 6-digit HOTP for the secret "12345678901234567890".
    [Theory]
    [InlineData(0L, "755224")]
    [InlineData(1L, "287082")]
    [InlineData(2L, "359152")]
    [InlineData(3L, "969429")]
    [InlineData(4L, "338314")]
    [InlineData(5L, "254676")]
    [InlineData(6L, "287922")]
    [InlineData(7L, "162583")]
    [InlineData(8L, "399871")]
    [InlineData(9L, "520489")]
    public void Rfc4226_appendix_d_vectors_match(long counter, string expectedCode)
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Equal(expectedCode, Hotp.ComputeCode(key, counter, 6, OtpHashAlgorithm.Sha1));
        Assert.Equal(int.Parse(expectedCode, System.Globalization.CultureInfo.InvariantCulture), Hotp.Compute(key, counter, 6, OtpHashAlgorithm.Sha1));
    }

    // RFC 4226 Appendix D: the intermediate HMAC-SHA-1 and its dynamic truncation in decimal.
    [Theory]
    [InlineData(0L, "cc93cf18508d94934c64b65d8ba7667fb7cde4b0", 1284755224)]
    [InlineData(1L, "75a48a19d4cbe100644e8ac1397eea747a2d33ab", 1094287082)]
    [InlineData(2L, "0bacb7fa082fef30782211938bc1c5e70416ff44", 137359152)]
    [InlineData(3L, "66c28227d03a2d5529262ff016a1e6ef76557ece", 1726969429)]
    [InlineData(4L, "a904c900a64b35909874b33e61c5938a8e15ed1c", 1640338314)]
    [InlineData(5L, "a37e783d7b7233c083d4f62926c7a25f238d0316", 868254676)]
    [InlineData(6L, "bc9cd28561042c83f219324d3c607256c03272ae", 1918287922)]
    [InlineData(7L, "a4fb960c0bc06e1eabb804e5b397cdc4b45596fa", 82162583)]
    [InlineData(8L, "1b3c89f65e6c9e883012052823443f048b4332db", 673399871)]
    [InlineData(9L, "1637409809a679dc698207310c8c7fc07290d9e5", 645520489)]
    public void Rfc4226_appendix_d_intermediate_values_match(long counter, string expectedHmacHex, int expectedTruncated)
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hmac = stackalloc byte[20];

        var written = key.ComputeHmac(OtpHashAlgorithm.Sha1, message, hmac);

        Assert.Equal(20, written);
        Assert.Equal(expectedHmacHex, Convert.ToHexStringLower(hmac));
        Assert.Equal(expectedTruncated, Hotp.DynamicTruncate(Convert.FromHexString(expectedHmacHex)));
    }

    [Fact]
    public void Rfc4226_section_5_4_example_truncates_to_the_documented_value()
    {
        // The worked example in RFC 4226 section 5.4: offset 0xa selects 50ef7f19, i.e. 1357872921 and code 872921.
        var hmac = Convert.FromHexString("1f8698690e02ca16618550ef7f19da8e945b555a");

        Assert.Equal(0x50ef7f19, Hotp.DynamicTruncate(hmac));
        Assert.Equal(872921, Hotp.DynamicTruncate(hmac) % 1_000_000);
    }

    [Fact]
    public void Truncation_drops_the_sign_bit()
    {
        // Offset 0 selects ff ff ff ff; without masking this would be negative.
        byte[] hmac = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0];

        Assert.Equal(0x7FFF_FFFF, Hotp.DynamicTruncate(hmac));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(0)]
    public void Digits_outside_six_to_eight_are_rejected(int digits)
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.Compute(key, 0, digits, OtpHashAlgorithm.Sha1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.ComputeCode(key, 0, digits, OtpHashAlgorithm.Sha1));
    }

    [Fact]
    public void Negative_counters_are_rejected()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.Compute(key, -1, 6, OtpHashAlgorithm.Sha1));
    }

    [Fact]
    public void Unknown_algorithms_are_rejected()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.Compute(key, 0, 6, (OtpHashAlgorithm)42));
    }

    [Fact]
    public void A_key_returning_a_short_hmac_is_reported_instead_of_truncated()
    {
        Assert.Throws<System.Security.Cryptography.CryptographicException>(
            () => Hotp.Compute(new ShortHmacKey(), 0, 6, OtpHashAlgorithm.Sha1));
    }

    [Theory]
    [InlineData(6, "755224")]
    [InlineData(7, "4755224")]
    [InlineData(8, "84755224")]
    public void Longer_codes_keep_more_low_order_digits_of_the_truncated_value(int digits, string expectedCode)
    {
        // Counter 0 truncates to 1284755224 (RFC 4226 Appendix D).
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Equal(expectedCode, Hotp.ComputeCode(key, 0, digits, OtpHashAlgorithm.Sha1));
    }

    private sealed class ShortHmacKey : IOtpKey
    {
        public int ComputeHmac(OtpHashAlgorithm algorithm, ReadOnlySpan<byte> message, Span<byte> destination)
        {
            destination[..4].Fill(0xAB);
            return 4;
        }
    }
}
