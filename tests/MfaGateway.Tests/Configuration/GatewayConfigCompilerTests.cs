using System.Net;
using MfaGateway.Configuration;
using MfaGateway.Policies;
using MfaGateway.Validation;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Configuration;

public sealed class GatewayConfigCompilerTests
{
    /// <summary>
    /// One file with every kind of mistake an operator makes. Each commented line is one mistake and
    /// must produce exactly one error, so the count below is the number of comments.
    /// </summary>
    private const string ManyMistakes = """
        {
          "Gateway": {
            "Issuer": "Test Bank",
            "DataDirectory": "data",
            "TrustedProxies": [ "10.0.0.0/33" ],                                // bad CIDR
            "DefaultPolicy": "nope-default",                                    // unknown policy in DefaultPolicy
            "Policies": {
              "public": { "Level": "Bypass" },
              "signin": { "Level": "Required", "Factors": [ "totp", "voice" ] },  // unknown factor
              "step-up": { "Level": "Required", "MaxAgee": "5m" },              // unknown key (a typo of MaxAge)
              "sensitive": { "Level": "Required", "MaxAge": "5 minutes" },      // bad duration
              "odd": { "Level": "Sometimes" }                                   // bad level
            },
            "Rules": [
              { "Paths": [ "/x" ], "Policy": "nope-rule" },                     // unknown policy in a rule
              { "Paths": [ "admin/**" ], "Policy": "public" },                  // path without leading '/'
              { "Paths": [ "regex:(unclosed" ], "Policy": "public" },           // invalid regex
              { "Hosts": [ "bad/host" ], "Policy": "public" }                   // bad host pattern
            ],
            "Apps": {
              "bank": {
                "Routes": [ "bank" ],
                "SignInPolicy": "nope-signin",                                  // unknown policy in SignInPolicy
                "Identity": { "Source": "FormLogin", "FormLogin": { "LoginPath": "/login", "SessionCookie": "BankSession" } }
              },
              "shop": {
                "Routes": [ "bank" ],                                           // route claimed by two apps
                "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "TrustedNetworks": [ "10.0.0.0/8" ] } }
              },
              "api": {
                "Identity": {
                  "Source": "Jwt",
                  "Jwt": {                                                      // no issuer, no audience, no keys
                    "Algorithms": [ "RS256", "none" ]                           // "none" algorithm
                  }
                }
              },
              "intranet": {                                                     // second app without routes
                "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "TrustedNetworks": [ "10.0.0.0/8" ] } }
              }
            },
            "Session": { "Lifetime": "forever" },                               // bad duration
            "Totp": { "Digits": 9 },                                            // digits out of range
            "Challenge": { "MaxConsecutiveUserFailures": 101 }                  // above NIST limit
          },
          "ReverseProxy": {
            "Routes": {
              "bank": { "ClusterId": "bank", "Match": { "Path": "{**catch-all}" } },
              "docs": { "ClusterId": "bank", "Match": { "Path": "/docs/{**rest}" }, "Metadata": { "MfaPolicy": "nope-route" } }
            },
            "Clusters": {
              "bank": {
                "Destinations": { "demo": { "Address": "http://127.0.0.1:5080/" } }
              }
            }
          }
        }
        """;

    /// <summary>The key of each mistake above, and what its message must say.</summary>
    private static readonly (string Key, string Says)[] ManyMistakesErrors =
    [
        ("Gateway:TrustedProxies", "'10.0.0.0/33' has an invalid prefix length"),
        ("Gateway:DefaultPolicy", "unknown policy 'nope-default'"),
        ("Gateway:Policies:signin:Factors", "unknown factor 'voice'"),
        ("Gateway:Policies:sensitive:MaxAge", "'5 minutes' is not a positive duration"),
        ("Gateway:Policies:odd:Level", "'Sometimes' is not one of"),
        ("Gateway:Policies:step-up:MaxAgee", "unknown setting 'MaxAgee'"),
        ("Gateway:Rules:0:Policy", "unknown policy 'nope-rule'"),
        ("Gateway:Rules:1:Paths", "'admin/**' must start with '/'"),
        ("Gateway:Rules:2:Paths", "'regex:(unclosed' is not a valid regular expression"),
        ("Gateway:Rules:3:Hosts", "'bad/host' is not a host name"),
        ("Gateway:Apps:bank:SignInPolicy", "unknown policy 'nope-signin'"),
        ("Gateway:Apps:shop:Routes", "route 'bank' is claimed by both 'bank' and 'shop'"),
        ("Gateway:Apps:api:Identity:Jwt:Issuers", "at least one accepted issuer is required"),
        ("Gateway:Apps:api:Identity:Jwt:Audiences", "at least one accepted audience is required"),
        ("Gateway:Apps:api:Identity:Jwt", "give exactly one key source"),
        ("Gateway:Apps:api:Identity:Jwt:Algorithms", "'none' is not accepted"),
        ("Gateway:Apps", "name no routes; only one app may cover the routes nobody claims"),
        ("Gateway:Session:Lifetime", "'forever' is not a positive duration"),
        ("Gateway:Totp:Digits", "9 is outside 6..8"),
        ("Gateway:Challenge:MaxConsecutiveUserFailures", "101 is outside 1..100"),
        ("ReverseProxy:Routes:docs:Metadata:MfaPolicy", "unknown policy 'nope-route'"),
    ];

    [Fact]
    public void Config_with_many_mistakes_reports_every_one_of_them_in_one_call()
    {
        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(ManyMistakes), out var errors);

        Assert.Null(config);
        AssertErrorsAre(ManyMistakesErrors, errors);
        Assert.All(errors, e => Assert.Equal(ConfigSeverity.Error, e.Severity));
    }

    [Fact]
    public void Misspelt_keys_at_every_level_are_all_reported_in_one_call()
    {
        // "Polices" at the top and "MaxAgee" inside a policy: both silently weaken the policy if ignored.
        var json = TestConfiguration.Valid
            .With("\"Policies\": {", "\"Polices\": { \"x\": { \"Level\": \"Deny\" } },\n\"Policies\": {")
            .With("\"MaxAge\": \"5m\"", "\"MaxAgee\": \"5m\"");

        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Null(config);
        AssertKeysAre(["Gateway:Polices", "Gateway:Policies:sensitive:MaxAgee"], errors);
    }

    [Theory]
    [InlineData("\"Policies\": {", "\"Polices\": { \"x\": { \"Level\": \"Deny\" } },\n\"Policies\": {", "Gateway:Polices")]
    [InlineData("\"MaxAge\": \"5m\"", "\"MaxAgee\": \"5m\"", "Gateway:Policies:sensitive:MaxAgee")]
    [InlineData("\"LoginPath\": \"/login\"", "\"LoginPath\": \"/login\", \"LogInPth\": \"/signin\"", "Gateway:Apps:bank:Identity:FormLogin:LogInPth")]
    [InlineData("\"Name\": \"health\"", "\"Name\": \"health\", \"Path\": [ \"/x\" ]", "Gateway:Rules:0:Path")]
    public void A_misspelt_key_is_reported_instead_of_silently_ignored(string find, string replace, string expectedKey)
    {
        var json = TestConfiguration.Valid.With(find, replace);
        Assert.NotEqual(TestConfiguration.Valid, json);

        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Null(config);
        AssertKeysAre([expectedKey], errors);
        Assert.StartsWith("unknown setting", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwt_app_without_issuer_audience_and_keys_reports_all_three_at_once()
    {
        var json = TestConfiguration.Valid.With(
            "\"Source\": \"FormLogin\",",
            "\"Source\": \"Jwt\", \"Jwt\": { },");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        AssertErrorsAre(
            [
                ("Gateway:Apps:bank:Identity:Jwt:Issuers", "at least one accepted issuer is required"),
                ("Gateway:Apps:bank:Identity:Jwt:Audiences", "at least one accepted audience is required"),
                ("Gateway:Apps:bank:Identity:Jwt", "give exactly one key source"),
            ],
            errors);
    }

    [Fact]
    public void Jwt_app_with_issuer_and_audience_but_no_keys_is_told_to_give_a_key_source()
    {
        var json = TestConfiguration.Valid.With(
            "\"Source\": \"FormLogin\",",
            "\"Source\": \"Jwt\", \"Jwt\": { \"Issuers\": [ \"https://idp.example.com\" ], \"Audiences\": [ \"bank\" ] },");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        AssertErrorsAre([("Gateway:Apps:bank:Identity:Jwt", "give exactly one key source")], errors);
    }

    [Fact]
    public void Missing_gateway_section_is_one_clear_error()
    {
        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson("""{ "ReverseProxy": { } }"""), out var errors);

        Assert.Null(config);
        var error = Assert.Single(errors, e => e.Key == "Gateway");
        Assert.Equal("Gateway: the section is missing", error.Text);
    }

    [Fact]
    public void Valid_config_compiles_without_errors()
    {
        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(TestConfiguration.Valid), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal("Test Bank", config.Issuer);
        Assert.Equal(4, config.Policies.Count);
        Assert.Equal(4, config.Rules.Count);
        Assert.Equal("signin", config.DefaultPolicy.Name);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Policies["sensitive"].MaxAge);
        Assert.Equal(PolicyLevel.Deny, config.Policies["BLOCKED"].Level);
        Assert.Equal("bank", config.AppForRoute("docs")!.Name);
        Assert.True(config.TrustedProxies.Contains(IPAddress.Parse("10.9.8.7")));
    }

    [Theory]
    [InlineData("GET", "/health", "bank", "public")] // first matching rule
    [InlineData("GET", "/HEALTH/", "bank", "public")] // rules ignore case and a trailing slash
    [InlineData("GET", "/admin/help", "bank", "public")] // an earlier rule wins over a later one
    [InlineData("GET", "/admin/users", "bank", "blocked")]
    [InlineData("GET", "/admin/help", "docs", "public")]
    [InlineData("GET", "/admin/users", "docs", "blocked")] // a rule wins over route metadata
    [InlineData("POST", "/transfer", "bank", "sensitive")]
    [InlineData("GET", "/transfer", "bank", "signin")] // the method does not match: default
    [InlineData("GET", "/docs/intro", "docs", "public")] // route metadata
    [InlineData("GET", "/dashboard", "bank", "signin")] // nothing matches: default
    [InlineData("GET", "/dashboard", null, "signin")]
    // Every way of writing a path an app reads alike picks the same policy.
    [InlineData("GET", "//health", "bank", "public")]
    [InlineData("GET", "/health;jsessionid=1", "bank", "public")]
    [InlineData("GET", "/x/../health/.", "bank", "public")]
    [InlineData("GET", "//ADMIN//users/", "bank", "blocked")]
    [InlineData("GET", "/admin;x=1/users", "bank", "blocked")]
    [InlineData("GET", "/admin/help;x/..;y/users", "bank", "blocked")]
    [InlineData("GET", "/admin%2Fusers", "bank", "blocked")]
    [InlineData("POST", "/transfer;x=1/", "bank", "sensitive")]
    [InlineData("POST", "//Transfer", "bank", "sensitive")]
    // A path read two ways gets the stricter reading's policy, never a Bypass the other reading escapes.
    [InlineData("GET", "/health/..%2Fadmin/users", "bank", "blocked")]
    [InlineData("GET", "/health\\..\\admin\\users", "bank", "blocked")]
    [InlineData("POST", "/health/..%2Ftransfer", "bank", "sensitive")]
    [InlineData("POST", "/transfer%2F", "bank", "sensitive")]
    [InlineData("GET", "/docs/..%2Fadmin/users", "docs", "blocked")]
    [InlineData("GET", "/docs/a%2Fb", "docs", "public")] // both readings agree: no change
    public void PolicyFor_picks_first_matching_rule_then_route_metadata_then_default(string method, string path, string? routeId, string expected)
    {
        var config = TestConfiguration.Compile(TestConfiguration.Valid);
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Path = path;
        request.Host = new HostString("bank.example.com");

        var policy = config.PolicyFor(request, routeId, IPAddress.Parse("203.0.113.9"));

        Assert.Equal(expected, policy.Name);
    }

    [Fact]
    public void Policy_without_factors_accepts_every_enabled_factor()
    {
        var config = TestConfiguration.Compile(TestConfiguration.Valid.With(
            "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }",
            "\"signin\": { \"Level\": \"Required\" }"));

        // Passkeys are enabled only by a relying party (WebAuthnConfigTests shows both).
        Assert.Equal([MfaGateway.Factors.FactorTypes.Totp], config.Policies["signin"].AllowedFactors);
    }

    [Fact]
    public void MaxAge_on_a_bypass_policy_is_refused()
    {
        var json = TestConfiguration.Valid.With(
            "\"public\": { \"Level\": \"Bypass\" }",
            "\"public\": { \"Level\": \"Bypass\", \"MaxAge\": \"5m\" }");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        AssertErrorsAre([("Gateway:Policies:public:MaxAge", "has no meaning for level Bypass")], errors);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("42")]
    public void Numeric_levels_are_refused_even_though_the_enum_would_parse_them(string level)
    {
        var json = TestConfiguration.Valid.With(
            "\"blocked\": { \"Level\": \"Deny\" }",
            $"\"blocked\": {{ \"Level\": \"{level}\" }}");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        // One mistake, one error: the rule naming the broken policy is not reported as naming an unknown one.
        AssertErrorsAre([("Gateway:Policies:blocked:Level", $"'{level}' is not one of")], errors);
    }

    /// <summary>Exactly these keys, each once, and each message saying what is expected of it.</summary>
    private static void AssertErrorsAre(IReadOnlyCollection<(string Key, string Says)> expected, IReadOnlyList<ConfigError> errors)
    {
        AssertKeysAre([.. expected.Select(e => e.Key)], errors);
        foreach (var (key, says) in expected)
        {
            Assert.Contains(says, errors.Single(e => e.Key == key).Message, StringComparison.Ordinal);
        }
    }

    private static void AssertKeysAre(IReadOnlyCollection<string> expected, IReadOnlyList<ConfigError> errors)
    {
        var all = string.Join('\n', errors);
        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(errors.Select(e => e.Key).Order(StringComparer.Ordinal)), $"expected the keys {string.Join(", ", expected)}, each once, got:\n{all}");
    }
}
