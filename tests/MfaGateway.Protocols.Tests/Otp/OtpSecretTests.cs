using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class OtpSecretTests
{
    [Theory]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(64)]
    public void Generate_returns_the_requested_number_of_bytes(int byteCount)
    {
        Assert.Equal(byteCount, OtpSecret.Generate(byteCount).Length);
    }

    [Fact]
    public void Two_generated_secrets_differ()
    {
        // Two equal 160-bit CSPRNG outputs would mean a broken generator, not bad luck.
        Assert.NotEqual(OtpSecret.Generate(20), OtpSecret.Generate(20));
    }

    [Theory]
    [InlineData(19)]
    [InlineData(16)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Secrets_shorter_than_160_bits_are_refused(int byteCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OtpSecret.Generate(byteCount));
    }
}
