using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class AdminApiAuthenticationTests
{
    private static (string Description, Action<HttpRequestMessage> Authenticate)[] WrongCredentials(string key) =>
    [
        ("no key", _ => { }),
        ("a wrong bearer token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKeys.NewKey())),
        ("a wrong X-Api-Key", r => r.Headers.Add("X-Api-Key", AdminKeys.NewKey())),
        ("the key's hash instead of the key", r => r.Headers.Add("X-Api-Key", AdminKeys.Sha256Hex(key))),
        ("the key with another scheme", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", key)),
        ("an empty bearer token", r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer ")),
        ("the key twice in X-Api-Key", r => r.Headers.Add("X-Api-Key", new[] { key, key })),
    ];

    [Fact]
    public async Task Every_admin_endpoint_refuses_missing_and_wrong_keys_with_401_and_changes_nothing()
    {
        await using var admin = await AdminApiHost.StartAsync(config => config["Gateway"]!["Challenge"] = new JsonObject { ["MaxConsecutiveUserFailures"] = 2 });
        using var browser = admin.Host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);
        admin.Host.Time.AdvanceToNextTimeStep();
        await AdminFlows.WrongCodesAsync(admin.Host, DemoUsers.Alice, 2, enrolled.Secret);
        var before = await admin.StatusAsync("alice");
        Assert.True(before.GetProperty("locked").GetBoolean());

        foreach (var (method, path) in AdminApiHost.Endpoints)
        {
            foreach (var (description, authenticate) in WrongCredentials(admin.Key))
            {
                // A body the endpoint would refuse: the key is checked before anything else is looked at.
                var content = method == HttpMethod.Post ? new StringContent("not json", Encoding.UTF8, "text/plain") : null;
                var response = await admin.SendAsync(method, path, content, authenticate);

                var because = $"{method} {path} with {description}";
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{because}: {(int)response.StatusCode}");
                Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
                var error = await AdminApiHost.ReadAsync(response, HttpStatusCode.Unauthorized);
                Assert.Equal(ErrorCodes.InvalidApiKey, error.GetProperty("error").GetString());
            }
        }

        var after = await admin.StatusAsync("alice");
        foreach (var property in new[] { "factor_count", "recovery_codes_left", "consecutive_failures", "locked", "mfa_required", "mfa_enabled" })
        {
            Assert.Equal(before.GetProperty(property).ToString(), after.GetProperty(property).ToString());
        }
    }

    [Fact]
    public async Task A_refused_request_is_audited_as_admin_denied_without_any_key_material()
    {
        await using var admin = await AdminApiHost.StartAsync();
        var wrongKey = AdminKeys.NewKey();
        await admin.SendAsync(HttpMethod.Post, $"{AdminApiHost.Api}/users/bank/alice/reset", null,
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrongKey));

        var denied = (await admin.AuditAsync("type=admin.denied")).GetProperty("events");
        var audited = Assert.Single(denied.EnumerateArray());
        Assert.Equal("denied", audited.GetProperty("outcome").GetString());
        Assert.Equal("127.0.0.1", audited.GetProperty("client_ip").GetString());
        Assert.Equal("POST", audited.GetProperty("detail").GetProperty("method").GetString());
        Assert.Equal($"{AdminApiHost.Api}/users/bank/alice/reset", audited.GetProperty("detail").GetProperty("path").GetString());
        var text = audited.GetRawText();
        foreach (var secret in new[] { wrongKey, AdminKeys.Sha256Hex(wrongKey), admin.Key, AdminKeys.Sha256Hex(admin.Key) })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_key_is_accepted_as_a_bearer_token_and_as_an_X_Api_Key_header()
    {
        await using var admin = await AdminApiHost.StartAsync();

        var bearer = await admin.SendAsync(HttpMethod.Get, $"{AdminApiHost.Api}/audit", null,
            r => r.Headers.TryAddWithoutValidation("Authorization", $"bearer {admin.Key}"));
        var header = await admin.SendAsync(HttpMethod.Get, $"{AdminApiHost.Api}/audit", null, r => r.Headers.Add("X-Api-Key", admin.Key));

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
    }

    [Fact]
    public async Task Without_configured_keys_the_admin_api_is_off_until_a_reload_adds_one()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var key = AdminKeys.NewKey();

        foreach (var (method, path) in AdminApiHost.Endpoints.Append((HttpMethod.Get, AdminApiHost.Document)))
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        var reload = await host.RewriteConfigAsync(config => config["Gateway"]!["Admin"] = new JsonObject
        {
            ["ApiKeys"] = new JsonArray(new JsonObject { ["Name"] = "ops", ["Sha256"] = AdminKeys.Sha256Hex(key) }),
        });
        Assert.True(reload.Accepted, string.Join("; ", reload.Errors));

        var enabled = new HttpRequestMessage(HttpMethod.Get, $"{AdminApiHost.Api}/audit");
        enabled.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var answer = await client.SendAsync(enabled);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("events").ValueKind);
    }
}
