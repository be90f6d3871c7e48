using Fido2NetLib.Objects;
using MfaGateway.Configuration;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Validation;

namespace MfaGateway.Tests.Configuration;

/// <summary>"Gateway:WebAuthn": every value checked at start, every mistake listed in one pass, by key.</summary>
public sealed class WebAuthnConfigTests
{
    private const string Anchor = "\"DefaultPolicy\": \"signin\",";

    [Fact]
    public void No_relying_party_leaves_the_factor_off_without_an_error()
    {
        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid), out var errors);

        Assert.NotNull(config);
        Assert.Empty(errors);
        Assert.Null(config.WebAuthn);
    }

    [Fact]
    public void A_full_section_compiles_to_exact_origins_and_the_chosen_requirements()
    {
        var config = Compile("""
            "WebAuthn": {
              "RelyingPartyId": "Bank.Example",
              "Origins": [ "https://bank.example", "https://www.bank.example:8443", "https://BANK.example:443" ],
              "UserVerification": "required",
              "Attestation": "Direct",
              "AllowedAaguids": [ "cb69481e-8ff7-4039-93ec-0a2729a154a8" ],
              "ResidentKey": "Required",
              "Timeout": "90s",
              "CounterRegression": "Flag"
            },
            """, out var errors);

        Assert.Empty(errors);
        var settings = config!.WebAuthn!;
        Assert.Equal("bank.example", settings.RelyingPartyId);
        Assert.Equal("Test Bank", settings.RelyingPartyName); // the Issuer when unnamed
        Assert.Equal(["https://bank.example", "https://www.bank.example:8443"], settings.Origins.Order(StringComparer.Ordinal));
        Assert.Equal(UserVerificationRequirement.Required, settings.UserVerification);
        Assert.Equal(AttestationConveyancePreference.Direct, settings.Attestation);
        Assert.Equal([Guid.Parse("cb69481e-8ff7-4039-93ec-0a2729a154a8")], settings.AllowedAaguids);
        Assert.Equal(ResidentKeyRequirement.Required, settings.ResidentKey);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.Timeout);
        Assert.Equal(CounterRegressionAction.Flag, settings.CounterRegression);
    }

    [Fact]
    public void Defaults_ask_for_no_attestation_prefer_passkeys_and_refuse_a_counter_regression()
    {
        var settings = Compile("""
            "WebAuthn": { "RelyingPartyId": "localhost", "Origins": [ "http://localhost:8080" ] },
            """, out var errors)!.WebAuthn!;

        Assert.Empty(errors);
        Assert.Equal(UserVerificationRequirement.Preferred, settings.UserVerification);
        Assert.Equal(AttestationConveyancePreference.None, settings.Attestation);
        Assert.Equal(ResidentKeyRequirement.Preferred, settings.ResidentKey);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Timeout);
        Assert.Equal(CounterRegressionAction.Refuse, settings.CounterRegression);
    }

    [Fact]
    public void Every_mistake_in_the_section_is_listed_at_once()
    {
        Compile("""
            "WebAuthn": {
              "RelyingPartyId": "bank.example",
              "Origins": [
                "https://evil.example",
                "http://bank.example",
                "https://bank.example/login",
                "ftp://bank.example",
                "https://notbank.example"
              ],
              "UserVerification": "Discouraged",
              "Attestation": "Enterprise",
              "AllowedAaguids": [ "not-a-guid", "00000000-0000-0000-0000-000000000000" ],
              "ResidentKey": "Sometimes",
              "Timeout": "1h",
              "CounterRegression": "Ignore"
            },
            """, out var errors);

        AssertKeys(
            [
                "Gateway:WebAuthn:Origins:0", "Gateway:WebAuthn:Origins:1", "Gateway:WebAuthn:Origins:2", "Gateway:WebAuthn:Origins:3", "Gateway:WebAuthn:Origins:4",
                "Gateway:WebAuthn:UserVerification", "Gateway:WebAuthn:Attestation", "Gateway:WebAuthn:AllowedAaguids:0", "Gateway:WebAuthn:AllowedAaguids:1",
                "Gateway:WebAuthn:AllowedAaguids", "Gateway:WebAuthn:ResidentKey", "Gateway:WebAuthn:Timeout", "Gateway:WebAuthn:CounterRegression",
            ],
            errors);
        Assert.Contains("not on the relying party's domain", errors.Single(e => e.Key == "Gateway:WebAuthn:Origins:0").Message, StringComparison.Ordinal);
        Assert.Contains("http on a host other than localhost", errors.Single(e => e.Key == "Gateway:WebAuthn:Origins:1").Message, StringComparison.Ordinal);
        Assert.Contains("not on the relying party's domain", errors.Single(e => e.Key == "Gateway:WebAuthn:Origins:4").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"RelyingPartyId\": \"10.0.0.1\", \"Origins\": [ \"https://10.0.0.1\" ]", "Gateway:WebAuthn:RelyingPartyId")]
    [InlineData("\"Origins\": [ \"https://bank.example\" ]", "Gateway:WebAuthn:RelyingPartyId")]
    [InlineData("\"RelyingPartyId\": \"bank.example\"", "Gateway:WebAuthn:Origins")]
    [InlineData("\"RelyingPartyId\": \"bank.example\", \"Origins\": [ \"https://bank.example\" ], \"Timeout\": \"10s\"", "Gateway:WebAuthn:Timeout")]
    [InlineData("\"RelyingPartyId\": \"bank.example\", \"Origins\": [ \"https://bank.example\" ], \"UserVerification\": \"2\"", "Gateway:WebAuthn:UserVerification")]
    [InlineData("\"RelyingPartyId\": \"bank.example\", \"Origins\": [ \"https://bank.example\" ], \"Origin\": [ \"https://bank.example\" ]", "Gateway:WebAuthn:Origin")]
    public void A_single_mistake_names_its_key(string section, string key)
    {
        var config = Compile($$"""
            "WebAuthn": { {{section}} },
            """, out var errors);

        Assert.Null(config);
        AssertKeys([key], errors);
    }

    [Fact]
    public void A_policy_may_list_webauthn_and_ask_for_user_verification_once_a_relying_party_is_named()
    {
        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid
            .With(Anchor, Anchor + RelyingParty)
            .With("\"sensitive\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ]", "\"sensitive\": { \"Level\": \"Required\", \"Factors\": [ \"WebAuthn\" ], \"UserVerification\": \"required\"")
            .With("\"public\": { \"Level\": \"Bypass\" },", "\"public\": { \"Level\": \"Bypass\" }, \"any\": { \"Level\": \"Required\" },")), out var errors);

        Assert.Empty(errors);
        Assert.Equal(["webauthn"], config!.Policies["sensitive"].AllowedFactors);
        Assert.Equal(UserVerificationRequirement.Required, config.Policies["sensitive"].UserVerification);
        Assert.Null(config.Policies["signin"].UserVerification);
        Assert.Equal(["totp", "webauthn"], config.Policies["any"].AllowedFactors.Order(StringComparer.Ordinal)); // no list: every enabled factor
    }

    [Fact]
    public void Without_a_relying_party_a_policy_listing_webauthn_is_an_error_and_an_unlisted_policy_does_not_offer_it()
    {
        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid
            .With("\"public\": { \"Level\": \"Bypass\" },", "\"public\": { \"Level\": \"Bypass\" }, \"any\": { \"Level\": \"Required\" },")), out var clean);
        Assert.Empty(clean);
        Assert.Equal(["totp"], config!.Policies["any"].AllowedFactors);

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid
            .With("\"sensitive\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ]", "\"sensitive\": { \"Level\": \"Required\", \"Factors\": [ \"webauthn\" ]")), out var errors);
        AssertKeys(["Gateway:Policies:sensitive:Factors"], errors);
        Assert.Contains("Gateway:WebAuthn names no relying party", errors.Single(e => e.IsError).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Factors\": [ \"totp\" ], \"UserVerification\": \"Required\"")]
    [InlineData("\"Factors\": [ \"webauthn\" ], \"UserVerification\": \"Discouraged\"")]
    [InlineData("\"Factors\": [ \"webauthn\" ], \"UserVerification\": \"always\"")]
    [InlineData("\"Factors\": [ \"webauthn\" ], \"UserVerification\": \"1\"")]
    public void A_policy_user_verification_needs_webauthn_among_its_factors_and_is_preferred_or_required(string factors)
    {
        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid
            .With(Anchor, Anchor + RelyingParty)
            .With("\"sensitive\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ]", "\"sensitive\": { \"Level\": \"Required\", " + factors)), out var errors);

        AssertKeys(["Gateway:Policies:sensitive:UserVerification"], errors);
    }

    private const string RelyingParty = """
        "WebAuthn": { "RelyingPartyId": "bank.example", "Origins": [ "https://bank.example" ] },
        """;

    private static GatewayConfig? Compile(string section, out IReadOnlyList<ConfigError> errors) =>
        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid.With(Anchor, Anchor + section)), out errors);

    private static void AssertKeys(IReadOnlyCollection<string> expected, IReadOnlyList<ConfigError> errors) =>
        Assert.True(
            expected.Order(StringComparer.Ordinal).SequenceEqual(errors.Where(e => e.IsError).Select(e => e.Key).Order(StringComparer.Ordinal)),
            $"expected the keys {string.Join(", ", expected)}, each once, got:\n{string.Join('\n', errors)}");
}
