using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Administration;
using MfaGateway.Audit;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Api;

/// <summary>The step-up API for app backends: start with the app's key, the user types the code, complete gets the state back once.</summary>
public sealed class StepUpApiTests
{
    private const string Key = "bank-backend-key-0123456789abcdef";
    private const string Start = "/.mfa/api/step-up/start";
    private const string Complete = "/.mfa/api/step-up/complete";

    [Fact]
    public async Task Start_then_complete_with_the_users_code_gives_the_state_back_once()
    {
        await using var host = await StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var backend = Backend(host, Key);

        var started = await backend.PostAsJsonAsync(Start, new { user = "Alice", state = "transfer:42:EUR 1200" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await Json(started)).GetProperty("id").GetString()!;
        Assert.Equal("totp", (await Json(started)).GetProperty("factor").GetString());

        var wrong = await backend.PostAsJsonAsync(Complete, new { id, code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, (await Json(wrong)).GetProperty("error").GetString());
        Assert.True((await Json(wrong)).GetProperty("attempts_left").GetInt32() > 0);

        host.Time.AdvanceToNextTimeStep();
        var passed = await backend.PostAsJsonAsync(Complete, new { id, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        var body = await Json(passed);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal(("alice", "totp", "transfer:42:EUR 1200"), (body.GetProperty("user").GetString(), body.GetProperty("factor").GetString(), body.GetProperty("state").GetString()));
        Assert.Equal(host.Time.GetUtcNow(), body.GetProperty("verified_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

        var replayed = await backend.PostAsJsonAsync(Complete, new { id, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await Json(replayed)).GetProperty("error").GetString());

        var audited = await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(User: "alice", Types: [AuditEventTypes.ChallengePassed]), default);
        Assert.Contains(audited.Events, e => e.Detail["purpose"] == "AppStepUp");
    }

    [Fact]
    public async Task A_wrong_key_is_401_and_without_keys_the_api_is_off()
    {
        await using var host = await StartHostAsync();
        using var wrongKey = Backend(host, "not-the-key");
        using var noKey = Backend(host, null);

        var wrong = await wrongKey.PostAsJsonAsync(Start, new { user = "alice" });
        var missing = await noKey.PostAsJsonAsync(Complete, new { id = "x", code = "123456" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(ErrorCodes.InvalidApiKey, (await Json(wrong)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        await using var off = await GatewayTestHost.StartAsync();
        using var anyKey = Backend(off, Key);
        Assert.Equal(HttpStatusCode.NotFound, (await anyKey.PostAsJsonAsync(Start, new { user = "alice" })).StatusCode);
    }

    [Fact]
    public async Task Its_id_is_not_a_challenge_of_the_pages_or_the_challenge_api_and_a_user_without_the_factor_is_refused()
    {
        await using var host = await StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var backend = Backend(host, Key);
        var id = (await Json(await backend.PostAsJsonAsync(Start, new { user = "alice", state = "s" }))).GetProperty("id").GetString()!;

        // Answered at the public verify API, the id would buy a gateway session: it is unknown there.
        host.Time.AdvanceToNextTimeStep();
        var atVerify = await browser.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = id, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, atVerify.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await Json(atVerify)).GetProperty("error").GetString());

        // The code was not spent there: the app completes with it.
        Assert.Equal(HttpStatusCode.OK, (await backend.PostAsJsonAsync(Complete, new { id, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) })).StatusCode);

        var nobody = await backend.PostAsJsonAsync(Start, new { user = "mallory" });
        var noSms = await backend.PostAsJsonAsync(Start, new { user = "alice", factor = "sms" });
        var tooLong = await backend.PostAsJsonAsync(Start, new { user = "alice", state = new string('x', 5000) });
        Assert.Equal(ErrorCodes.EnrollmentRequired, (await Json(nobody)).GetProperty("error").GetString());
        Assert.Equal(ErrorCodes.EnrollmentRequired, (await Json(noSms)).GetProperty("error").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest), (tooLong.StatusCode, (await Json(tooLong)).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_browser_challenge_id_cannot_be_completed_through_the_step_up_api()
    {
        await using var host = await StartHostAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(other, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        var challengeId = other.Cookies.GetAllCookies().First(c => c.Name.StartsWith("mfa-challenge", StringComparison.Ordinal)).Value;
        using var backend = Backend(host, Key);

        var completed = await backend.PostAsJsonAsync(Complete, new { id = challengeId, code = "123456" });

        Assert.Equal(HttpStatusCode.BadRequest, completed.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await Json(completed)).GetProperty("error").GetString());
    }

    private static Task<GatewayTestHost> StartHostAsync() => GatewayTestHost.StartAsync((config, _) =>
        config["Gateway"]!["StepUpApi"] = new JsonObject
        {
            ["Keys"] = new JsonArray(new JsonObject { ["Name"] = "bank-backend", ["App"] = "bank", ["Sha256"] = AdminKeyAuthenticator.Hash(Key) }),
        });

    private static HttpClient Backend(GatewayTestHost host, string? key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
