using System.Security.Cryptography;
using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

public sealed class TotpKeyTests
{
    private static readonly byte[] Counter = [0, 0, 0, 0, 0, 0, 0, 1];

    [Theory]
    [InlineData(OtpHashMode.Sha1)]
    [InlineData(OtpHashMode.Sha256)]
    [InlineData(OtpHashMode.Sha512)]
    public void Hmacs_are_those_of_otp_nets_own_key(OtpHashMode mode)
    {
        using var key = new TotpKey(RfcSeeds.For(mode));

        Assert.Equal(new InMemoryKey(RfcSeeds.For(mode)).ComputeHmac(mode, Counter), key.ComputeHmac(mode, Counter));
    }

    [Fact]
    public void Disposing_wipes_the_secret_and_the_key_refuses_to_compute()
    {
        var secret = RfcSeeds.For(OtpHashMode.Sha1);
        var key = new TotpKey(secret);

        key.Dispose();

        Assert.All(secret, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => key.ComputeHmac(OtpHashMode.Sha1, Counter));
    }

    [Fact]
    public void An_empty_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TotpKey([]));
    }

    [Fact]
    public void An_unknown_hash_mode_is_refused_rather_than_treated_as_sha1()
    {
        using var key = new TotpKey(RfcSeeds.For(OtpHashMode.Sha1));

        Assert.Throws<ArgumentOutOfRangeException>(() => key.ComputeHmac((OtpHashMode)42, Counter));
    }

    [Fact]
    public void A_secret_protected_by_the_gateway_opens_into_a_key_for_the_same_secret()
    {
        var protector = new TotpSecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        var secret = RandomNumberGenerator.GetBytes(20);
        var stored = protector.Protect(secret);

        using var key = protector.OpenKey(stored);

        Assert.Equal(-1, stored.AsSpan().IndexOf(secret));
        Assert.Equal(HMACSHA256.HashData(secret, Counter), key.ComputeHmac(OtpHashMode.Sha256, Counter));
    }
}
