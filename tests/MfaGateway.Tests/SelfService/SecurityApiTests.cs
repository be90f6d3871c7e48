using System.Net;
using System.Text;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

public sealed class SecurityApiTests
{
    [Fact]
    public async Task Status_is_snake_case_json_and_the_session_header_works_instead_of_the_cookie()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        var status = await SecurityFlows.JsonOf(await SecurityFlows.GetJsonAsync(browser));

        Assert.Equal("alice", status.GetProperty("user").GetString());
        Assert.Equal("bank", status.GetProperty("app").GetString());
        Assert.True(status.GetProperty("mfa_enabled").GetBoolean());
        Assert.True(status.GetProperty("mfa_required").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.String, status.GetProperty("changes_allowed_until").ValueKind);
        var factor = status.GetProperty("factors").EnumerateArray().Single();
        Assert.Equal("totp", factor.GetProperty("type").GetString());
        Assert.Equal("Authenticator app", factor.GetProperty("name").GetString());
        Assert.True(factor.GetProperty("primary").GetBoolean());
        Assert.False(factor.TryGetProperty("protected_secret", out _));
        Assert.Equal(10, status.GetProperty("recovery_codes").GetProperty("remaining").GetInt32());
        Assert.False(status.GetProperty("recovery_codes").GetProperty("low").GetBoolean());
        var device = status.GetProperty("devices").EnumerateArray().Single(); // the browser just verified on
        Assert.True(device.GetProperty("current").GetBoolean());
        Assert.True(device.GetProperty("recognised").GetBoolean());
        Assert.False(device.GetProperty("remembered").GetBoolean());

        // An API client holding the app session and the gateway session token, but no gateway cookie.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, SecurityFlows.Api);
        request.Headers.Add("Cookie", $"DemoSession={browser.Cookie("DemoSession")}");
        request.Headers.Add("X-Mfa-Session", browser.Cookie(SecurityFlows.SessionCookie));
        var viaHeader = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        Assert.Equal("alice", (await SecurityFlows.JsonOf(viaHeader)).GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_stale_session_gets_403_fresh_mfa_required_with_a_step_up_the_client_can_answer()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var refused = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{factor.Id}/rename", new { name = "Renamed" });
        var error = await SecurityFlows.JsonOf(refused);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ErrorCodes.FreshMfaRequired, error.GetProperty("error").GetString());
        Assert.Equal(SecurityFlows.VerifyUrl, error.GetProperty("verify_url").GetString());
        Assert.Equal("/.mfa/api/verify", error.GetProperty("challenge_url").GetString());
        Assert.Equal(factor.Name, (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);

        var verified = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, "/.mfa/api/verify", new
        {
            mfa_token = error.GetProperty("mfa_token").GetString(),
            code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()),
        });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("/.mfa/security", (await SecurityFlows.JsonOf(verified)).GetProperty("redirect_to").GetString());

        var renamed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{factor.Id}/rename", new { name = "Renamed" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("renamed", (await SecurityFlows.JsonOf(renamed)).GetProperty("status").GetString());
        Assert.Equal("Renamed", (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);
    }

    [Fact]
    public async Task Another_users_factor_is_not_found_and_names_are_checked()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var alice = host.NewBrowser();
        using var bob = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);
        var bobs = (await SecurityFlows.FactorsAsync(host, "bob")).Single();
        var alices = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        var responses = new[]
        {
            await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{bobs.Id}/rename", new { name = "Mine" }),
            await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{bobs.Id}/primary"),
            await SecurityFlows.SendJsonAsync(alice, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{bobs.Id}"),
        };
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ErrorCodes.NotFound, (await SecurityFlows.JsonOf(response)).GetProperty("error").GetString());
        }

        Assert.Equal(SecurityFlows.Summary(bobs), SecurityFlows.Summary((await SecurityFlows.FactorsAsync(host, "bob")).Single()));

        var tooLong = await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{alices.Id}/rename", new { name = new string('n', 65) });
        var missing = await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{alices.Id}/rename", new { });
        var renamed = await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{alices.Id}/rename", new { name = "Phone" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var error = await SecurityFlows.JsonOf(tooLong);
        Assert.Equal(ErrorCodes.InvalidRequest, error.GetProperty("error").GetString());
        Assert.Contains("64", error.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Phone", (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);
    }

    [Fact]
    public async Task Only_json_bodies_are_accepted_and_bad_json_is_a_400_not_an_error()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        var form = new HttpRequestMessage(HttpMethod.Post, $"{SecurityFlows.Api}/factors/{factor.Id}/rename")
        {
            Content = new FormUrlEncodedContent([new("name", "Forged")]),
        };
        var formPost = await browser.SendAsync(form);
        var plain = new HttpRequestMessage(HttpMethod.Post, $"{SecurityFlows.Api}/recovery-codes") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        var plainPost = await browser.SendAsync(plain);
        var broken = new HttpRequestMessage(HttpMethod.Post, $"{SecurityFlows.Api}/disable") { Content = new StringContent("{\"code\": ", Encoding.UTF8, "application/json") };
        var brokenPost = await browser.SendAsync(broken);
        var wrongType = new HttpRequestMessage(HttpMethod.Post, $"{SecurityFlows.Api}/disable") { Content = new StringContent("{\"code\": 123456}", Encoding.UTF8, "application/json") };
        var wrongTypePost = await browser.SendAsync(wrongType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formPost.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainPost.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, brokenPost.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTypePost.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await SecurityFlows.JsonOf(brokenPost)).GetProperty("error").GetString());
        Assert.Equal("Authenticator app", (await SecurityFlows.FactorsAsync(host, "alice")).Single().Name);
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));
    }

    [Fact]
    public async Task An_authenticator_is_added_and_codes_regenerated_by_json()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);

        var unproven = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp");
        Assert.Equal(HttpStatusCode.Forbidden, unproven.StatusCode);
        Assert.Equal(ErrorCodes.ProofRequired, (await SecurityFlows.JsonOf(unproven)).GetProperty("error").GetString());

        var started = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp", new { code = SecurityFlows.ProofCode(host, enrolled.Secret) });
        var setup = await SecurityFlows.JsonOf(started);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var secret = TotpSecrets.Decode(setup.GetProperty("secret").GetString()!);
        var setupId = setup.GetProperty("setup_id").GetString();
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("otpauth_uri").GetString());
        Assert.StartsWith("data:image/png;base64,", setup.GetProperty("qr_code_png").GetString());

        var wrong = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp/confirm",
            new { setup_id = setupId, code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, (await SecurityFlows.JsonOf(wrong)).GetProperty("error").GetString());

        // Another user cannot complete (or even find) this set-up.
        using var bob = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);
        var stolen = await SecurityFlows.SendJsonAsync(bob, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp/confirm",
            new { setup_id = setupId, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await SecurityFlows.JsonOf(stolen)).GetProperty("error").GetString());
        Assert.Single(await SecurityFlows.FactorsAsync(host, "bob"));

        var added = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp/confirm",
            new { setup_id = setupId, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()), name = "Tablet" });
        var factor = (await SecurityFlows.JsonOf(added)).GetProperty("factor");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("Tablet", factor.GetProperty("name").GetString());
        Assert.False(factor.GetProperty("primary").GetBoolean());
        Assert.Equal(2, (await SecurityFlows.FactorsAsync(host, "alice")).Count);

        // New codes need a proof too: here one of the old codes, which the new set then replaces.
        var unprovenCodes = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/recovery-codes");
        Assert.Equal(HttpStatusCode.Forbidden, unprovenCodes.StatusCode);
        Assert.Equal(ErrorCodes.ProofRequired, (await SecurityFlows.JsonOf(unprovenCodes)).GetProperty("error").GetString());
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));

        var renewed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/recovery-codes", new { code = enrolled.RecoveryCodes[4] });
        var codes = (await SecurityFlows.JsonOf(renewed)).GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(enrolled.RecoveryCodes));
    }

    [Fact]
    public async Task Turning_off_by_json_needs_a_valid_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        var wrong = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/disable", new { code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, (await SecurityFlows.JsonOf(wrong)).GetProperty("error").GetString());
        Assert.Equal(1, (await SecurityFlows.UserAsync(host, "alice")).ConsecutiveFailures);

        var off = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/disable", new { code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        var body = await SecurityFlows.JsonOf(off);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal("disabled", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("session_ended").GetBoolean());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));

        // Every session ended with it, the app session's standing too: the next call must sign in again.
        var again = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/disable", new { code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(ErrorCodes.LoginRequired, (await SecurityFlows.JsonOf(again)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Devices_are_forgotten_by_json()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        var unknown = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/devices/nothing-here");
        var all = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/devices");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var body = await SecurityFlows.JsonOf(all);
        Assert.Equal("forgotten", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("count").GetInt32()); // the browser that enrolled, recognised since
    }
}
