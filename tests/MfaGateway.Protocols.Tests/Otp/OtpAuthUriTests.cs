using System.Text;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class OtpAuthUriTests
{
    // Base32 of the RFC 4226 seed "12345678901234567890".
    private const string Rfc4226SeedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Fact]
    public void Simple_issuer_and_account_produce_the_key_uri_format()
    {
        var uri = OtpAuthUri.ForTotp("Example", "alice", RfcSeeds.Sha1, TotpParameters.Default);

        Assert.Equal(
            $"otpauth://totp/Example:alice?secret={Rfc4226SeedBase32}&issuer=Example&algorithm=SHA1&digits=6&period=30",
            uri);
    }

    [Fact]
    public void Spaces_colons_and_at_signs_are_percent_encoded()
    {
        var uri = OtpAuthUri.ForTotp("ACME Co: Staging", "jane doe@example.com", RfcSeeds.Sha1, TotpParameters.Default);

        Assert.Equal(
            $"otpauth://totp/ACME%20Co%3A%20Staging:jane%20doe%40example.com?secret={Rfc4226SeedBase32}&issuer=ACME%20Co%3A%20Staging&algorithm=SHA1&digits=6&period=30",
            uri);
        Assert.DoesNotContain('+', uri);
    }

    [Fact]
    public void Query_delimiters_and_non_ascii_characters_are_encoded()
    {
        var uri = OtpAuthUri.ForTotp("Café & Co", "a?b=c#d/e", RfcSeeds.Sha1, TotpParameters.Default);

        Assert.StartsWith("otpauth://totp/Caf%C3%A9%20%26%20Co:a%3Fb%3Dc%23d%2Fe?secret=", uri);
        Assert.Contains("&issuer=Caf%C3%A9%20%26%20Co&", uri);
    }

    [Theory]
    [InlineData(OtpHashAlgorithm.Sha1, 6, 30, "algorithm=SHA1&digits=6&period=30")]
    [InlineData(OtpHashAlgorithm.Sha256, 8, 60, "algorithm=SHA256&digits=8&period=60")]
    [InlineData(OtpHashAlgorithm.Sha512, 7, 15, "algorithm=SHA512&digits=7&period=15")]
    public void Algorithm_digits_and_period_reflect_the_parameters(OtpHashAlgorithm algorithm, int digits, int periodSeconds, string expectedQueryTail)
    {
        var parameters = new TotpParameters { Algorithm = algorithm, Digits = digits, PeriodSeconds = periodSeconds };

        var uri = OtpAuthUri.ForTotp("Example", "alice", RfcSeeds.Sha1, parameters);

        Assert.EndsWith("&" + expectedQueryTail, uri);
    }

    [Fact]
    public void Secret_is_unpadded_base32_that_decodes_back_to_the_secret()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890123456789012");

        var uri = OtpAuthUri.ForTotp("Example", "alice", secret, TotpParameters.Default);

        var encoded = uri.Split("secret=")[1].Split('&')[0];
        Assert.DoesNotContain('=', encoded);
        Assert.Equal(secret, Base32.Decode(encoded));
    }

    [Theory]
    [InlineData("", "alice")]
    [InlineData(" ", "alice")]
    [InlineData("Example", "")]
    [InlineData("Example", "  ")]
    public void Blank_issuer_or_account_is_rejected(string issuer, string accountName)
    {
        Assert.ThrowsAny<ArgumentException>(() => OtpAuthUri.ForTotp(issuer, accountName, RfcSeeds.Sha1, TotpParameters.Default));
    }

    [Fact]
    public void An_empty_secret_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => OtpAuthUri.ForTotp("Example", "alice", [], TotpParameters.Default));
    }
}
