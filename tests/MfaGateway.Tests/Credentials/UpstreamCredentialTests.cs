using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MfaGateway.Challenges;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using MfaGateway.Risk.Devices;
using MfaGateway.Sessions;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.TrustedDevices;
using MfaGateway.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MfaGateway.Tests.Credentials;

/// <summary>
/// Issue 8 items 3, 7 and 8, seen from a real upstream: what the echo app receives. No gateway cookie
/// (a remembered-device cookie is a bearer token that skips MFA), no repeated credential, no unvouched
/// credential, and no identity header in any spelling a CGI-style stack reads as the gateway's.
/// </summary>
public sealed class UpstreamCredentialTests
{
    [Fact]
    public async Task No_cookie_the_gateway_sets_reaches_a_bypass_route()
    {
        await using var host = await GatewayTestHost.StartAsync(RememberDevices);
        using var alice = host.NewBrowser();
        await SignInRememberingDeviceAsync(host, alice);
        var gatewayCookies = GatewayCookieNames(host);
        var inJar = alice.Cookies.GetAllCookies().Select(c => c.Name).Where(n => !AppCookies.Contains(n)).ToHashSet();
        Assert.Subset(gatewayCookies, inJar); // every cookie the gateway set in this flow is one the code names
        Assert.Contains("mfa-device-bank", inJar);

        alice.SetCookie("mfa-session-other", "another-apps-session");
        alice.SetCookie("__Host-mfa-session-bank", "a-secure-copy");
        alice.SetCookie("keep", "1");
        var echoed = await EchoFlows.HeadersAsync(alice, "/echo/headers");

        var received = CookieNames(echoed);
        Assert.Contains("keep", received);
        foreach (var name in gatewayCookies.Concat(["mfa-session-other", "__Host-mfa-session-bank"]))
        {
            Assert.DoesNotContain(name, received, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_protected_route_receives_the_vouched_session_once_and_nothing_else_that_proves_a_user()
    {
        await using var host = await GatewayTestHost.StartAsync((config, echo) =>
        {
            RememberDevices(config, echo);
            ProtectEcho(config);
            config["Gateway"]!["Apps"]!["bank"]!["Credentials"] = new JsonObject { ["Cookies"] = new JsonArray("DemoRemember") };
        });
        using var alice = host.NewBrowser();
        await SignInRememberingDeviceAsync(host, alice);
        alice.SetCookie("DemoRemember", "someone-elses");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/headers");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic Ym9iOmJvYi1wYXNzd29yZC0y");

        var response = await alice.SendAsync(request);
        var echoed = (await response.Content.ReadFromJsonAsync<EchoedRequest>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
        var headers = new Dictionary<string, string>(echoed.Headers, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(["DemoAntiforgery", "DemoSession"], CookieNames(echoed).Order(StringComparer.Ordinal));
        Assert.False(headers.ContainsKey("Authorization"));
        Assert.Equal("alice", headers["X-Mfa-User"]);
    }

    [Fact]
    public async Task An_anonymous_request_to_a_protected_route_carries_no_credential_to_the_app()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            ProtectEcho(config);
            config["Gateway"]!["Apps"]!["bank"]!["Credentials"] = new JsonObject { ["Cookies"] = new JsonArray("remember_*"), ["Headers"] = new JsonArray("Authorization", "X-Api-Key") };
        });
        using var client = EchoFlows.ApiClient(host);

        var (_, echoed) = await EchoFlows.GetAsync(
            client,
            ("Cookie", "remember_web=r; lang=en"),
            ("Authorization", "Basic Ym9iOmJvYi1wYXNzd29yZC0y"),
            ("X_Api_Key", "k"),
            ("X-Api-Key", "k"));

        Assert.NotNull(echoed);
        Assert.Equal(["lang"], CookieNames(echoed));
        Assert.DoesNotContain(echoed.Headers.Keys, k => k.Replace('_', '-').Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase) || k.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_bypass_route_still_receives_the_apps_own_credentials()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = EchoFlows.ApiClient(host);

        var (_, echoed) = await EchoFlows.GetAsync(client, ("Authorization", "Basic eDp5"), ("Cookie", "DemoSession=s; DemoRemember=r"));

        Assert.NotNull(echoed);
        Assert.Equal("Basic eDp5", echoed.Headers["Authorization"]);
        Assert.Equal(["DemoRemember", "DemoSession"], CookieNames(echoed).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("X_Mfa_User")]
    [InlineData("x_mfa_user")]
    [InlineData("X-MFA-USER")]
    [InlineData("X_Mfa_Factors")]
    [InlineData("X_Mfa_Authenticated_At")]
    [InlineData("X_Mfa_Session")]
    [InlineData("X_Forwarded_User")]
    [InlineData("X-Real-IP")]
    [InlineData("X_Original_URL")]
    public async Task Identity_headers_in_any_spelling_a_stack_reads_as_the_same_never_reach_the_app(string spoofed)
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Apps"]!["bank"]!["Routes"] = new JsonArray("bank", "echo");
            config["Gateway"]!["Apps"]!["bank"]!["StripHeaders"] = new JsonArray("X-Forwarded-User", "X-Real-IP", "X-Original-URL");
        });
        using var client = EchoFlows.ApiClient(host);

        var (_, echoed) = await EchoFlows.GetAsync(client, (spoofed, "admin"));

        Assert.NotNull(echoed);
        Assert.DoesNotContain(echoed.Headers, h => h.Value == "admin");
    }

    [Fact]
    public async Task A_trusted_sso_header_arrives_only_under_its_exact_name_and_only_once()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Apps"]!["api"] = new JsonObject
            {
                ["Routes"] = new JsonArray("echo"),
                ["Identity"] = new JsonObject
                {
                    ["Source"] = "TrustedHeader",
                    ["TrustedHeader"] = new JsonObject { ["Header"] = "X-Remote-User", ["TrustedNetworks"] = new JsonArray("127.0.0.1/32") },
                },
                ["Credentials"] = new JsonObject { ["Cookies"] = new JsonArray("AppSession") },
            };
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
        });
        using var client = EchoFlows.ApiClient(host);

        var (_, alone) = await EchoFlows.GetAsync(client, ("X-Remote-User", "dave"), ("Cookie", "AppSession=someone; lang=en"));
        Assert.NotNull(alone);
        Assert.Equal("dave", alone.Headers["X-Remote-User"]);
        Assert.Equal(["lang"], CookieNames(alone));

        var (twice, echoed) = await EchoFlows.GetAsync(client, ("X-Remote-User", "dave"), ("X_Remote_User", "admin"));
        Assert.Null(echoed);
        Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
    }

    [Theory]
    [InlineData("id_token={token}; id_token={token}")]
    [InlineData("id_token=another")]
    public async Task A_jwt_app_refuses_two_tokens(string cookie)
    {
        using var key = new JwtRsaKey("two-tokens");
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Apps"]!["api"] = new JsonObject
            {
                ["Routes"] = new JsonArray("echo"),
                ["Identity"] = new JsonObject
                {
                    ["Source"] = "Jwt",
                    ["Jwt"] = new JsonObject
                    {
                        ["Issuers"] = new JsonArray(JwtTokens.Issuer),
                        ["Audiences"] = new JsonArray(JwtTokens.Audience),
                        ["Cookie"] = "id_token",
                        ["SigningKeys"] = new JsonArray(new JsonObject { ["Pem"] = key.PublicKeyPem }),
                    },
                },
            };
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
        });
        using var client = EchoFlows.ApiClient(host);
        var token = JwtTokens.Create(key.RS256, "dave");

        var (response, echoed) = await EchoFlows.GetAsync(client, ("Authorization", $"Bearer {token}"), ("Cookie", cookie.Replace("{token}", token, StringComparison.Ordinal)));

        Assert.Null(echoed);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static readonly string[] AppCookies = ["DemoSession", "DemoAntiforgery", "DemoRemember"];

    /// <summary>The names the gateway's code gives its cookies, over HTTP and HTTPS.</summary>
    private static HashSet<string> GatewayCookieNames(GatewayTestHost host)
    {
        var bank = host.Monitor.Current.Apps["bank"];
        var antiforgery = host.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        return
        [
            .. new[] { false, true }.SelectMany(https => new[]
            {
                ChallengeCookie.NameFor(https),
                DeviceCookie.Name(https),
                TrustedDeviceCookie.Name(bank, https),
                GatewaySessionCookies.CookieName(bank, https),
            }),
            antiforgery,
        ];
    }

    private static List<string> CookieNames(EchoedRequest echoed) =>
        echoed.Headers.TryGetValue("Cookie", out var cookie)
            ? [.. cookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)[0])]
            : [];

    private static void RememberDevices(JsonObject config, EchoUpstream echo) =>
        config["Gateway"]!["Policies"]!["signin"]!["TrustedDevices"] = new JsonObject { ["Enabled"] = true, ["Days"] = 30 };

    /// <summary>The echo route belongs to the bank and needs a signed-in user with MFA.</summary>
    private static void ProtectEcho(JsonObject config)
    {
        config["Gateway"]!["Apps"]!["bank"]!["Routes"] = new JsonArray("bank", "echo");
        config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "signin";
    }

    /// <summary>Enrols alice, then signs in again with a code, ticking "remember this device".</summary>
    private static async Task SignInRememberingDeviceAsync(GatewayTestHost host, Browser browser)
    {
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        await browser.FollowAsync(await browser.GetAsync("/logout"));
        var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var verified = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())), ("RememberDevice", "true"));
        await browser.FollowAsync(verified);
    }
}
