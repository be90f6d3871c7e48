using System.Text;
using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

/// <summary>The otpauth:// URI the gateway puts into its enrolment QR codes (Google's Key Uri Format).</summary>
public sealed class OtpAuthUriTests
{
    // Base32 of the RFC 4226 seed "12345678901234567890".
    private const string Rfc4226SeedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static readonly byte[] Seed = RfcSeeds.For(OtpHashMode.Sha1);

    [Fact]
    public void A_plain_issuer_and_account_give_the_key_uri_format_with_every_parameter()
    {
        var prompt = TotpEnrolmentPrompt.For("Example", "alice", Seed, TotpFactorSettings.Default);

        Assert.Equal($"otpauth://totp/Example:alice?secret={Rfc4226SeedBase32}&issuer=Example&algorithm=SHA1&digits=6&period=30", prompt.OtpAuthUri);
        Assert.Equal(Rfc4226SeedBase32, prompt.SecretBase32);
    }

    [Fact]
    public void Spaces_colons_and_at_signs_are_percent_encoded_in_label_and_issuer()
    {
        var prompt = TotpEnrolmentPrompt.For("ACME Co: Staging", "jane doe@example.com", Seed, TotpFactorSettings.Default);

        Assert.Equal(
            $"otpauth://totp/ACME%20Co%3A%20Staging:jane%20doe%40example.com?secret={Rfc4226SeedBase32}&issuer=ACME%20Co%3A%20Staging&algorithm=SHA1&digits=6&period=30",
            prompt.OtpAuthUri);

        // A '+' would be shown literally by apps that do not read form encoding.
        Assert.DoesNotContain('+', prompt.OtpAuthUri);
    }

    [Fact]
    public void Query_delimiters_and_non_ascii_characters_are_encoded()
    {
        var prompt = TotpEnrolmentPrompt.For("Café & Co", "a?b=c#d/e", Seed, TotpFactorSettings.Default);

        Assert.StartsWith("otpauth://totp/Caf%C3%A9%20%26%20Co:a%3Fb%3Dc%23d%2Fe?secret=", prompt.OtpAuthUri);
        Assert.Contains("&issuer=Caf%C3%A9%20%26%20Co&", prompt.OtpAuthUri);
        Assert.Equal("Café & Co", Uri.UnescapeDataString(new Uri(prompt.OtpAuthUri).Query.Split("issuer=")[1].Split('&')[0]));
    }

    [Theory]
    [InlineData(OtpHashMode.Sha1, 6, 30, "algorithm=SHA1&digits=6&period=30")]
    [InlineData(OtpHashMode.Sha256, 8, 60, "algorithm=SHA256&digits=8&period=60")]
    [InlineData(OtpHashMode.Sha512, 7, 15, "algorithm=SHA512&digits=7&period=15")]
    public void Algorithm_digits_and_period_follow_the_enrolment_settings(OtpHashMode algorithm, int digits, int period, string expectedTail)
    {
        var prompt = TotpEnrolmentPrompt.For("Example", "alice", Seed, new TotpFactorSettings(algorithm, digits, period));

        Assert.EndsWith("&" + expectedTail, prompt.OtpAuthUri);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(37)] // not a multiple of 5 bytes: RFC 4648 would pad it with '='
    [InlineData(64)]
    public void The_secret_is_unpadded_base32_that_decodes_back_to_the_secret(int length)
    {
        var secret = Encoding.ASCII.GetBytes(new string('7', length));

        var prompt = TotpEnrolmentPrompt.For("Example", "alice", secret, TotpFactorSettings.Default);

        var inUri = prompt.OtpAuthUri.Split("secret=")[1].Split('&')[0];
        Assert.Equal(prompt.SecretBase32, inUri);
        Assert.DoesNotContain('=', inUri);
        Assert.Equal(secret, Base32Encoding.ToBytes(inUri));
    }

    [Fact]
    public void The_qr_code_is_a_png_data_uri()
    {
        var prompt = TotpEnrolmentPrompt.For("Example", "alice", Seed, TotpFactorSettings.Default);

        Assert.StartsWith("data:image/png;base64,", prompt.QrCodePngDataUri);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(prompt.QrCodePngDataUri["data:image/png;base64,".Length..])[..4]);
    }

    [Theory]
    [InlineData("", "alice")]
    [InlineData(" ", "alice")]
    [InlineData("Example", "")]
    [InlineData("Example", "  ")]
    public void A_blank_issuer_or_account_is_refused(string issuer, string account)
    {
        Assert.ThrowsAny<ArgumentException>(() => TotpEnrolmentPrompt.For(issuer, account, Seed, TotpFactorSettings.Default));
    }
}
