using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class ApiChallengeTests
{
    [Fact]
    public async Task A_json_client_gets_401_mfa_required_then_enrols_and_verifies_through_the_api_and_retries()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = host.NewBrowser();

        var login = await ApiFlows.SubmitLoginAsApiAsync(client, DemoUsers.Alice);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var required = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ErrorCodes.MfaRequired, required.GetProperty("error").GetString());
        Assert.Equal(["totp"], required.GetProperty("available_factors").EnumerateArray().Select(f => f.GetString()));
        Assert.True(required.GetProperty("enrollment_required").GetBoolean());
        Assert.Equal("/.mfa/api/verify", required.GetProperty("challenge_url").GetString());
        Assert.Null(client.Cookie("DemoSession"));
        var token = required.GetProperty("mfa_token").GetString()!;

        var enrol = await client.Http.PostAsJsonAsync("/.mfa/api/enrol/totp", new { mfa_token = token });
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        var enrolment = JsonDocument.Parse(await enrol.Content.ReadAsStringAsync()).RootElement;
        var secret = TotpSecrets.Decode(enrolment.GetProperty("secret").GetString()!);
        Assert.StartsWith("otpauth://totp/Acme%20Legacy%20Bank:alice?", enrolment.GetProperty("otpauth_uri").GetString());
        Assert.StartsWith("data:image/png;base64,", enrolment.GetProperty("qr_code_png").GetString());

        var verify = await client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var verified = JsonDocument.Parse(await verify.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("verified", verified.GetProperty("status").GetString());
        Assert.Equal("X-Mfa-Session", verified.GetProperty("session_header").GetString());
        Assert.Equal("/", verified.GetProperty("redirect_to").GetString());
        Assert.NotNull(client.Cookie("DemoSession"));

        var account = await client.Http.GetFromJsonAsync<JsonElement>("/api/account");
        Assert.Equal("alice", account.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_sensitive_api_call_with_a_stale_mfa_gets_401_and_succeeds_after_verifying()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, client, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var refused = await client.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var required = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.False(required.GetProperty("enrollment_required").GetBoolean());
        Assert.Equal(["totp", "recovery"], required.GetProperty("available_factors").EnumerateArray().Select(f => f.GetString()));

        var verify = await client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = required.GetProperty("mfa_token").GetString(), factor = "totp", code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);

        var retried = await client.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("ok", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_errors_are_invalid_grant_for_a_wrong_code_and_expired_token_for_a_dead_token()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, client, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        using var api = host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync());

        var wrong = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });
        var wrongBody = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, wrongBody.GetProperty("error").GetString());
        Assert.Equal(4, wrongBody.GetProperty("attempts_left").GetInt32());

        var unknown = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = "AAAAAAAAAAAAAAAAAAAAAA", code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var passed = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        var again = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow(), 1) });
        Assert.Equal(ErrorCodes.ExpiredToken, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        host.Time.Advance(TimeSpan.FromMinutes(6));
        var late = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(ErrorCodes.ExpiredToken, (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("text/plain", "{\"mfa_token\":\"x\",\"code\":\"1\"}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-www-form-urlencoded", "mfa_token=x&code=1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "null", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"code\":\"123456\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "[1,2]", HttpStatusCode.BadRequest)]
    public async Task Malformed_api_requests_get_a_clear_4xx_and_never_a_500(string contentType, string body, HttpStatusCode expected)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = host.NewBrowser();

        var response = await client.Http.PostAsync("/.mfa/api/verify", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Equal(ErrorCodes.InvalidRequest, error);
    }

    [Fact]
    public async Task An_api_client_without_cookies_retries_with_the_session_header()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Apps"]!["sso"] = JsonNode.Parse("""
                { "Routes": [ "echo" ], "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "Header": "X-Forwarded-User", "TrustedNetworks": [ "127.0.0.1/32" ] } } }
                """);
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "signin";
        });

        async Task<HttpResponseMessage> CallAsync(string? session)
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var request = new HttpRequestMessage(HttpMethod.Get, "/echo/headers");
            request.Headers.Add("X-Forwarded-User", "dave");
            request.Headers.Accept.Add(Browser.Json);
            if (session is not null)
            {
                request.Headers.Add("X-Mfa-Session", session);
            }

            return await http.SendAsync(request);
        }

        var first = await CallAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        var token = ApiFlows.MfaToken(await first.Content.ReadAsStringAsync());
        using var api = new HttpClient { BaseAddress = host.BaseAddress };
        var enrolment = await (await api.PostAsJsonAsync("/.mfa/api/enrol/totp", new { mfa_token = token })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = TotpSecrets.Decode(enrolment.GetProperty("secret").GetString()!);
        var verified = await (await api.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) })).Content.ReadFromJsonAsync<JsonElement>();

        var retried = await CallAsync(verified.GetProperty("mfa_session").GetString());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var echoed = JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement.GetProperty("headers");
        Assert.Equal("dave", echoed.GetProperty("X-Mfa-User").GetString());
        Assert.False(echoed.TryGetProperty("X-Mfa-Session", out _));

        // The same session token for another user asserted by the SSO is worthless.
        using var other = new HttpClient { BaseAddress = host.BaseAddress };
        var impersonation = new HttpRequestMessage(HttpMethod.Get, "/echo/headers");
        impersonation.Headers.Add("X-Forwarded-User", "erin");
        impersonation.Headers.Add("X-Mfa-Session", verified.GetProperty("mfa_session").GetString());
        impersonation.Headers.Accept.Add(Browser.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendAsync(impersonation)).StatusCode);
    }
}
