using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// The TrustedHeader and Jwt identity sources, on an "api" app that owns the echo route: what the
/// upstream is told about the user (X-Mfa-User), and which credentials are refused before it.
/// </summary>
public sealed class IdentitySourceTests
{
    private const string UserHeader = "X-Mfa-User";


    [Fact]
    public async Task Trusted_header_from_a_configured_network_names_the_user_to_the_upstream()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseTrustedHeaderApp(config, "127.0.0.1/32", "optional"));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("X-Forwarded-User", "  Alice "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", echoed!.Headers[UserHeader]);
    }

    [Fact]
    public async Task Trusted_header_user_gets_mfa_required_as_json_on_a_signin_route()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseTrustedHeaderApp(config, "127.0.0.1/32", "signin"));
        using var client = ApiClient(host);

        var (response, _) = await GetEchoAsync(client, ("X-Forwarded-User", "alice"));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ErrorCodes.MfaRequired, body["error"]!.GetValue<string>());
        Assert.True(body["enrollment_required"]!.GetValue<bool>(), "alice has no factor yet, so she must enrol");
    }

    [Fact]
    public async Task Trusted_header_from_another_network_is_ignored_and_stripped_before_the_upstream()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseTrustedHeaderApp(config, "10.0.0.0/8", "optional"));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("X-Forwarded-User", "alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(echoed!.Headers.ContainsKey(UserHeader), $"anonymous request reached the upstream with {UserHeader}: {echoed.Headers.GetValueOrDefault(UserHeader)}");
        Assert.False(echoed.Headers.ContainsKey("X-Forwarded-User"), "the untrusted identity header must not reach the app, which may trust it");
    }

    [Fact]
    public async Task Trusted_header_from_another_network_does_not_trigger_mfa_on_a_signin_route()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseTrustedHeaderApp(config, "10.0.0.0/8", "signin"));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("X-Forwarded-User", "alice"));

        // Anonymous: the app itself deals with unauthenticated requests, and never sees the claim.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(echoed!.Headers.ContainsKey(UserHeader));
        Assert.False(echoed.Headers.ContainsKey("X-Forwarded-User"));
    }

    [Fact]
    public async Task Jwt_signed_with_a_configured_rsa_public_key_identifies_the_user()
    {
        using var key = new JwtRsaKey("rsa-1");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt => jwt["SigningKeys"] = Keys(new JsonObject { ["Pem"] = key.PublicKeyPem })));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, Bearer(JwtTokens.Create(key.RS256, "Dave")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dave", echoed!.Headers[UserHeader]);
    }

    [Fact]
    public async Task Jwt_signed_with_a_configured_hs256_secret_identifies_the_user()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt =>
        {
            jwt["SigningKeys"] = Keys(new JsonObject { ["Secret"] = Convert.ToBase64String(secret) });
            jwt["Algorithms"] = new JsonArray("HS256");
        }));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, Bearer(JwtTokens.Create(JwtTokens.HS256(secret), "erin")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("erin", echoed!.Headers[UserHeader]);
    }

    [Fact]
    public async Task Jwt_verified_through_a_jwks_url_identifies_the_user()
    {
        using var key = new JwtRsaKey("jwks-key-1");
        await using var host = await GatewayTestHost.StartAsync((config, echo) =>
        {
            echo.Jwks = key.Jwks;
            UseJwtApp(config, jwt =>
            {
                jwt["JwksUrl"] = $"{echo.BaseAddress}/jwks.json";
                jwt["RequireHttpsMetadata"] = false;
            });
        });
        using var client = ApiClient(host);

        var token = JwtTokens.Create(key.RS256, "frank");
        var (response, echoed) = await GetEchoAsync(client, Bearer(token));

        Assert.Contains("\"kid\":\"jwks-key-1\"", Base64UrlEncoder.Decode(token.Split('.')[0]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frank", echoed!.Headers[UserHeader]);
    }

    [Fact]
    public async Task Jwt_verified_through_an_oidc_authoritys_discovery_document_identifies_the_user()
    {
        using var key = new JwtRsaKey("oidc-key-1");
        await using var host = await GatewayTestHost.StartAsync((config, echo) =>
        {
            echo.Jwks = key.Jwks;
            UseJwtApp(config, jwt =>
            {
                jwt["Authority"] = echo.BaseAddress;
                jwt["RequireHttpsMetadata"] = false;
            });
        });
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, Bearer(JwtTokens.Create(key.RS256, "grace")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("grace", echoed!.Headers[UserHeader]);
    }

    [Fact]
    public async Task Jwt_expiry_is_judged_by_the_gateways_clock()
    {
        using var key = new JwtRsaKey("clock-key");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt =>
            jwt["SigningKeys"] = new JsonArray(new JsonObject { ["Pem"] = key.PublicKeyPem })));
        using var client = ApiClient(host);
        var token = JwtTokens.Create(key.RS256, "heidi");

        var (before, _) = await GetEchoAsync(client, Bearer(token));
        host.Time.Advance(TimeSpan.FromHours(3));
        var (after, echoedAfter) = await GetEchoAsync(client, Bearer(token));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Null(echoedAfter);
    }

    [Fact]
    public async Task Jwt_signed_by_a_key_missing_from_the_jwks_is_refused()
    {
        using var published = new JwtRsaKey("published");
        using var other = new JwtRsaKey("not-published");
        await using var host = await GatewayTestHost.StartAsync((config, echo) =>
        {
            echo.Jwks = published.Jwks;
            UseJwtApp(config, jwt =>
            {
                jwt["JwksUrl"] = $"{echo.BaseAddress}/jwks.json";
                jwt["RequireHttpsMetadata"] = false;
            });
        });
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, Bearer(JwtTokens.Create(other.RS256, "frank")));

        await AssertInvalidTokenAsync(response, echoed);
    }

    public static TheoryData<string> BadTokens() =>
    [
        "expired",
        "not yet valid",
        "without an expiry",
        "from another issuer",
        "for another audience",
        "signed by another key",
        "with a tampered payload",
        "with alg none",
        "signed HS256 with the RSA public key as secret",
        "that is not a JWT",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_jwt_is_refused_with_401_invalid_token_before_the_upstream(string kind)
    {
        using var key = new JwtRsaKey("rsa-1");
        using var otherKey = new JwtRsaKey("rsa-1");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt => jwt["SigningKeys"] = Keys(new JsonObject { ["Pem"] = key.PublicKeyPem })));
        using var client = ApiClient(host);
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "expired" => JwtTokens.Create(key.RS256, "mallory", notBefore: now.AddMinutes(-30), expires: now.AddMinutes(-10)),
            "not yet valid" => JwtTokens.Create(key.RS256, "mallory", notBefore: now.AddMinutes(10), expires: now.AddMinutes(30)),
            "without an expiry" => JwtTokens.Create(key.RS256, "mallory", withExpiry: false),
            "from another issuer" => JwtTokens.Create(key.RS256, "mallory", issuer: "https://evil.example.test"),
            "for another audience" => JwtTokens.Create(key.RS256, "mallory", audience: "some-other-api"),
            "signed by another key" => JwtTokens.Create(otherKey.RS256, "mallory"),
            "with a tampered payload" => JwtTokens.WithSubject(JwtTokens.Create(key.RS256, "mallory"), "admin"),
            "with alg none" => JwtTokens.Unsigned("admin"),
            "signed HS256 with the RSA public key as secret" => JwtTokens.Create(JwtTokens.HS256(Encoding.UTF8.GetBytes(key.PublicKeyPem)), "admin"),
            "that is not a JWT" => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var (response, echoed) = await GetEchoAsync(client, Bearer(token));

        await AssertInvalidTokenAsync(response, echoed);
    }

    [Fact]
    public async Task Jwt_with_an_algorithm_left_out_of_the_configured_list_is_refused()
    {
        // The operator narrows the list to RS256; a PS256 token signed by the very same key must now be refused.
        using var key = new JwtRsaKey("rsa-1");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt =>
        {
            jwt["SigningKeys"] = Keys(new JsonObject { ["Pem"] = key.PublicKeyPem });
            jwt["Algorithms"] = new JsonArray("RS256");
        }));
        using var client = ApiClient(host);

        var accepted = await GetEchoAsync(client, Bearer(JwtTokens.Create(key.RS256, "dave")));
        Assert.Equal(HttpStatusCode.OK, accepted.Response.StatusCode);

        var ps256 = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSsaPssSha256);
        var (response, echoed) = await GetEchoAsync(client, Bearer(JwtTokens.Create(ps256, "dave")));

        var compiled = host.Monitor.Current.Apps["api"].Jwt!.Algorithms;
        await AssertInvalidTokenAsync(response, echoed, $"configured [\"RS256\"], gateway accepts [{string.Join(", ", compiled)}]");
    }

    [Fact]
    public async Task Jwt_in_the_configured_cookie_identifies_the_user()
    {
        using var key = new JwtRsaKey("rsa-1");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt =>
        {
            jwt["SigningKeys"] = Keys(new JsonObject { ["Pem"] = key.PublicKeyPem });
            jwt["Cookie"] = "id_token";
        }));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("Cookie", $"theme=dark; id_token={JwtTokens.Create(key.RS256, "grace")}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("grace", echoed!.Headers[UserHeader]);
    }

    [Fact]
    public async Task Invalid_jwt_in_the_configured_cookie_is_refused()
    {
        using var key = new JwtRsaKey("rsa-1");
        using var otherKey = new JwtRsaKey("rsa-1");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt =>
        {
            jwt["SigningKeys"] = Keys(new JsonObject { ["Pem"] = key.PublicKeyPem });
            jwt["Cookie"] = "id_token";
        }));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("Cookie", $"id_token={JwtTokens.Create(otherKey.RS256, "grace")}"));

        await AssertInvalidTokenAsync(response, echoed);
    }

    [Fact]
    public async Task Request_without_a_token_is_anonymous_and_passes_an_optional_route()
    {
        using var key = new JwtRsaKey("rsa-1");
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseJwtApp(config, jwt => jwt["SigningKeys"] = Keys(new JsonObject { ["Pem"] = key.PublicKeyPem })));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, (UserHeader, "admin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(echoed!.Headers.ContainsKey(UserHeader), $"anonymous request reached the upstream with {UserHeader}: {echoed.Headers.GetValueOrDefault(UserHeader)}");
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    /// <summary>An "api" app identified by a trusted header owns the echo route, under the given policy.</summary>
    private static void UseTrustedHeaderApp(JsonObject config, string trustedNetwork, string policy)
    {
        config["Gateway"]!["Apps"]!["api"] = new JsonObject
        {
            ["Routes"] = new JsonArray("echo"),
            ["Identity"] = new JsonObject
            {
                ["Source"] = "TrustedHeader",
                ["TrustedHeader"] = new JsonObject { ["Header"] = "X-Forwarded-User", ["TrustedNetworks"] = new JsonArray(trustedNetwork) },
            },
        };
        config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = policy;
    }

    /// <summary>An "api" app identified by JWT owns the echo route under the optional policy.</summary>
    private static void UseJwtApp(JsonObject config, Action<JsonObject> configureJwt)
    {
        var jwt = new JsonObject
        {
            ["Issuers"] = new JsonArray(JwtTokens.Issuer),
            ["Audiences"] = new JsonArray(JwtTokens.Audience),
        };
        configureJwt(jwt);
        config["Gateway"]!["Apps"]!["api"] = new JsonObject
        {
            ["Routes"] = new JsonArray("echo"),
            ["Identity"] = new JsonObject { ["Source"] = "Jwt", ["Jwt"] = jwt },
        };
        config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
    }

    private static JsonArray Keys(JsonObject key) => new(key);

    private static (string Name, string Value) Bearer(string token) => ("Authorization", $"Bearer {token}");

    private static HttpClient ApiClient(GatewayTestHost host) => EchoFlows.ApiClient(host);

    private static Task<(HttpResponseMessage Response, EchoedRequest? Echoed)> GetEchoAsync(HttpClient client, params (string Name, string Value)[] headers) =>
        EchoFlows.GetAsync(client, headers);

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response, EchoedRequest? echoed, string? context = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.Unauthorized,
            $"expected 401, got {(int)response.StatusCode}; upstream saw {UserHeader}={echoed?.Headers.GetValueOrDefault(UserHeader)}{(context is null ? null : $"; {context}")}; body {text}");
        Assert.Null(echoed);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(ErrorCodes.InvalidToken, body["error"]!.GetValue<string>());
        Assert.False(body.ContainsKey("headers"), "the body must be the gateway's, not the upstream's echo");
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
