using MfaGateway.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Tests.Sessions;

public sealed class GatewaySessionProtectorTests : IDisposable
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly DateTimeOffset IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_123);

    private static readonly GatewaySession Session = new(
        "bank",
        "alice",
        ["totp"],
        IssuedAt.AddSeconds(-3),
        IssuedAt,
        IssuedAt.AddHours(12),
        SessionBinding.For("app-session-cookie-value"));

    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-gateway-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Protected_session_round_trips()
    {
        var protector = NewProtector("a");

        var read = protector.Unprotect(protector.Protect(Session));

        AssertSameSession(Session, read);
    }

    [Fact]
    public void Session_without_mfa_and_with_several_factors_round_trips()
    {
        var protector = NewProtector("a");
        var withoutMfa = Session with { Factors = [], MfaAt = null, Binding = SessionBinding.None };
        var several = Session with { Factors = ["totp", "webauthn"], User = "ünïcødé user" };

        AssertSameSession(withoutMfa, protector.Unprotect(protector.Protect(withoutMfa)));
        AssertSameSession(several, protector.Unprotect(protector.Protect(several)));
    }

    [Fact]
    public void Token_is_url_safe_and_does_not_reveal_the_user()
    {
        var token = NewProtector("a").Protect(Session);

        Assert.All(token, c => Assert.Contains(c, Base64UrlAlphabet));
        Assert.DoesNotContain("alice", token, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Any_single_flipped_character_makes_the_token_worthless()
    {
        var protector = NewProtector("a");
        var token = protector.Protect(Session);

        for (var i = 0; i < token.Length; i++)
        {
            // Flip the most significant of the character's six bits, which every position uses,
            // so the decoded bytes always change (a low bit of the last character may be padding).
            var value = Base64UrlAlphabet.IndexOf(token[i], StringComparison.Ordinal);
            var tampered = string.Concat(token.AsSpan(0, i), Base64UrlAlphabet[value ^ 0b10_0000].ToString(), token.AsSpan(i + 1));

            var read = protector.Unprotect(tampered);

            Assert.True(read is null, $"flipping character {i} of {token.Length} still gave a session");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("!!!!")]
    [InlineData("not a token at all")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_no_session_and_never_an_exception(string? token)
    {
        Assert.Null(NewProtector("a").Unprotect(token));
    }

    [Fact]
    public void Truncated_extended_or_oversized_tokens_are_no_session()
    {
        var protector = NewProtector("a");
        var token = protector.Protect(Session);

        Assert.Null(protector.Unprotect(token[..^1]));
        Assert.Null(protector.Unprotect(token[..(token.Length / 2)]));
        Assert.Null(protector.Unprotect(token + "A"));
        Assert.Null(protector.Unprotect(token + token));
        Assert.Null(protector.Unprotect(new string('A', 5000)));
    }

    [Fact]
    public void Token_from_another_key_ring_is_no_session()
    {
        var ours = NewProtector("a");
        var theirs = NewProtector("b");

        Assert.Null(ours.Unprotect(theirs.Protect(Session)));
        Assert.Null(theirs.Unprotect(ours.Protect(Session)));
    }

    [Fact]
    public void Token_from_an_ephemeral_key_ring_is_no_session()
    {
        var ours = NewProtector("a");
        var ephemeral = new GatewaySessionProtector(new EphemeralDataProtectionProvider());

        Assert.Null(ours.Unprotect(ephemeral.Protect(Session)));
        AssertSameSession(Session, ephemeral.Unprotect(ephemeral.Protect(Session)));
    }

    [Fact]
    public void Session_bytes_protected_for_another_purpose_of_the_same_key_ring_are_no_session()
    {
        var provider = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_directory, "a")));
        var sessions = new GatewaySessionProtector(provider);
        var plain = provider.CreateProtector("MfaGateway.Session.v1").Unprotect(WebEncoders.Base64UrlDecode(sessions.Protect(Session)));

        var otherPurpose = WebEncoders.Base64UrlEncode(provider.CreateProtector("MfaGateway.Challenge").Protect(plain));

        Assert.Null(sessions.Unprotect(otherPurpose));
    }

    [Fact]
    public void Same_key_ring_read_by_a_new_protector_still_works()
    {
        var token = NewProtector("a").Protect(Session);

        // A restart: a new provider over the same key directory.
        AssertSameSession(Session, NewProtector("a").Unprotect(token));
    }

    private GatewaySessionProtector NewProtector(string keyRing) =>
        new(DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_directory, keyRing))));

    private static void AssertSameSession(GatewaySession expected, GatewaySession? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.App, actual.App);
        Assert.Equal(expected.User, actual.User);
        Assert.Equal(expected.Factors, actual.Factors);
        Assert.Equal(expected.MfaAt, actual.MfaAt);
        Assert.Equal(expected.IssuedAt, actual.IssuedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        Assert.Equal(expected.Binding, actual.Binding);
    }
}
