using System.Security.Cryptography;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class InMemoryOtpKeyTests
{
    private static readonly byte[] Message = [0, 0, 0, 0, 0, 0, 0, 1];

    [Theory]
    [InlineData(OtpHashAlgorithm.Sha1, 20)]
    [InlineData(OtpHashAlgorithm.Sha256, 32)]
    [InlineData(OtpHashAlgorithm.Sha512, 64)]
    public void Hmac_matches_the_framework_implementation(OtpHashAlgorithm algorithm, int expectedLength)
    {
        var secret = RfcSeeds.For(algorithm);
        using var key = new InMemoryOtpKey(secret);
        var destination = new byte[64];

        var written = key.ComputeHmac(algorithm, Message, destination);

        Assert.Equal(expectedLength, written);
        Assert.Equal(ReferenceHmac(algorithm, secret, Message), destination[..written]);
    }

    [Fact]
    public void Key_is_copied_so_later_changes_to_the_callers_buffer_have_no_effect()
    {
        var secret = (byte[])RfcSeeds.Sha1.Clone();
        using var key = new InMemoryOtpKey(secret);
        CryptographicOperations.ZeroMemory(secret);
        var destination = new byte[20];

        key.ComputeHmac(OtpHashAlgorithm.Sha1, Message, destination);

        Assert.Equal(ReferenceHmac(OtpHashAlgorithm.Sha1, RfcSeeds.Sha1, Message), destination);
    }

    [Fact]
    public void A_disposed_key_refuses_to_compute()
    {
        var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.ComputeHmac(OtpHashAlgorithm.Sha1, Message, new byte[20]));
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        var key = new InMemoryOtpKey(RfcSeeds.Sha1);
        key.Dispose();

        key.Dispose();
    }

    [Fact]
    public void An_empty_key_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new InMemoryOtpKey([]));
    }

    [Fact]
    public void A_destination_too_small_for_the_hmac_is_rejected()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha256);

        Assert.ThrowsAny<ArgumentException>(() => key.ComputeHmac(OtpHashAlgorithm.Sha256, Message, new byte[20]));
    }

    [Fact]
    public void Unknown_algorithms_are_rejected()
    {
        using var key = new InMemoryOtpKey(RfcSeeds.Sha1);

        Assert.Throws<ArgumentOutOfRangeException>(() => key.ComputeHmac((OtpHashAlgorithm)42, Message, new byte[64]));
    }

#pragma warning disable CA5350 // The reference side of the comparison must use the same RFC-mandated HMAC-SHA1.
    private static byte[] ReferenceHmac(OtpHashAlgorithm algorithm, byte[] secret, byte[] message) => algorithm switch
    {
        OtpHashAlgorithm.Sha1 => HMACSHA1.HashData(secret, message),
        OtpHashAlgorithm.Sha256 => HMACSHA256.HashData(secret, message),
        _ => HMACSHA512.HashData(secret, message),
    };
#pragma warning restore CA5350
}
