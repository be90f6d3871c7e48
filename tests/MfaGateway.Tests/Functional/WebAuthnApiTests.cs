using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MfaGateway.Audit;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Functional;

/// <summary>Passkeys and security keys through the JSON API, in front of the demo bank: enrol, sign in, step up, and every refusal with its code.</summary>
public sealed class WebAuthnApiTests
{
    [Fact]
    public async Task A_json_client_enrols_a_passkey_as_its_first_factor_then_signs_in_and_steps_up_with_it()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var key = new SoftwareAuthenticator { Synced = true };
        using var client = host.NewBrowser();

        var login = await ApiFlows.SubmitLoginAsApiAsync(client, DemoUsers.Alice);
        var required = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(["totp", "webauthn"], required.GetProperty("available_factors").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("/.mfa/api/webauthn/options", required.GetProperty("webauthn_options_url").GetString());
        var token = required.GetProperty("mfa_token").GetString()!;

        var (created, createOptions) = await WebAuthnFlows.OptionsAsync(client, token);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("create", createOptions.GetProperty("ceremony").GetString());
        Assert.Equal("/.mfa/api/verify", createOptions.GetProperty("verify_url").GetString());
        Assert.Equal("bank.example", createOptions.GetProperty("public_key").GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());

        var (enrolled, enrolment) = await WebAuthnFlows.VerifyAsync(client, token, key.Register(WebAuthnFlows.PublicKey(createOptions)), "  Alice's phone ");
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal("verified", enrolment.GetProperty("status").GetString());
        Assert.Equal(["webauthn"], enrolment.GetProperty("factors").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(10, enrolment.GetProperty("recovery_codes").GetArrayLength());
        var alice = await host.Services.GetRequiredService<MfaGateway.Storage.IUserStore>().FindAsync("bank", "alice", default);
        var factor = Assert.Single(await host.Services.GetRequiredService<MfaGateway.Storage.IFactorStore>().ListAsync(alice!.Id, default));
        Assert.Equal("Alice's phone", factor.Name);

        // Another browser: the password, then the passkey.
        using var other = host.NewBrowser();
        var signIn = await WebAuthnFlows.SignInAsync(other, DemoUsers.Alice);
        var (_, getOptions) = await WebAuthnFlows.OptionsAsync(other, signIn);
        Assert.Equal("get", getOptions.GetProperty("ceremony").GetString());
        Assert.Equal(SoftwareAuthenticator.Base64Url(key.CredentialId), getOptions.GetProperty("public_key").GetProperty("allowCredentials")[0].GetProperty("id").GetString());
        var (passed, _) = await WebAuthnFlows.VerifyAsync(other, signIn, key.Assert(WebAuthnFlows.PublicKey(getOptions)));
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal("alice", (await other.Http.GetFromJsonAsync<JsonElement>("/api/account")).GetProperty("user").GetString());

        // A transfer after five minutes needs a fresh MFA, and this policy takes only a passkey.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var refused = await other.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        var stepUp = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("step_up", stepUp.GetProperty("purpose").GetString());
        Assert.Equal(["webauthn", "recovery"], stepUp.GetProperty("available_factors").EnumerateArray().Select(f => f.GetString()));
        var stepUpToken = stepUp.GetProperty("mfa_token").GetString()!;
        var (_, stepUpOptions) = await WebAuthnFlows.OptionsAsync(other, stepUpToken);
        var (steppedUp, _) = await WebAuthnFlows.VerifyAsync(other, stepUpToken, key.Assert(WebAuthnFlows.PublicKey(stepUpOptions)));
        Assert.Equal(HttpStatusCode.OK, steppedUp.StatusCode);
        var retried = await other.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    public static TheoryData<string, string> Tampers => new()
    {
        { "origin", ErrorCodes.OriginMismatch },
        { "rp id", ErrorCodes.RpIdMismatch },
        { "challenge", ErrorCodes.ChallengeMismatch },
        { "client data", ErrorCodes.InvalidSignature },
        { "authenticator data", ErrorCodes.InvalidSignature },
        { "signature", ErrorCodes.InvalidSignature },
        { "another credential", ErrorCodes.UnknownCredential },
        { "garbage", ErrorCodes.MalformedCredential },
    };

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task A_refused_assertion_gets_its_own_code_counts_as_a_failed_answer_and_leaves_the_options_answerable(string tamper, string code)
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var key = new SoftwareAuthenticator();
        using var enrolling = host.NewBrowser();
        await WebAuthnFlows.SignInAndEnrolAsync(enrolling, DemoUsers.Alice, key);
        using var client = host.NewBrowser();
        var token = await WebAuthnFlows.SignInAsync(client, DemoUsers.Alice);
        var options = WebAuthnFlows.PublicKey((await WebAuthnFlows.OptionsAsync(client, token)).Body);

        var answer = tamper switch
        {
            "origin" => key.Assert(options, new() { Origin = "https://evil.example" }),
            "rp id" => key.Assert(options, new() { RpId = "evil.example" }),
            "challenge" => key.Assert(options, new() { Challenge = SoftwareAuthenticator.Base64Url(new byte[32]) }),
            // A letter of a member name changes case: still well-formed, no longer what was signed.
            "client data" => key.Assert(options, new() { AfterSigning = (_, clientData, _) => clientData[System.Text.Encoding.UTF8.GetString(clientData).IndexOf("crossOrigin", StringComparison.Ordinal) + 10] ^= 0x20 }),
            "authenticator data" => key.Assert(options, new() { AfterSigning = (authData, _, _) => authData[^1] ^= 1 }),
            "signature" => key.Assert(options, new() { AfterSigning = (_, _, signature) => signature[^1] ^= 1 }),
            "another credential" => key.Assert(options, new() { CredentialId = new byte[32] }),
            _ => """{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"!!"}}""",
        };
        var (refused, error) = await WebAuthnFlows.VerifyAsync(client, token, answer);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(code, error.GetProperty("error").GetString());
        Assert.Equal(4, error.GetProperty("attempts_left").GetInt32());
        var failed = (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [AuditEventTypes.ChallengeFailed]), default)).Events.Single();
        Assert.Equal("webauthn", failed.Detail["factor"]);

        // The same options still take the honest answer: a refusal spends nothing but an attempt.
        var (passed, _) = await WebAuthnFlows.VerifyAsync(client, token, key.Assert(options));
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
    }

    [Fact]
    public async Task A_counter_regression_is_refused_and_audited_as_a_possible_clone()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var key = new SoftwareAuthenticator { Counter = 10 };
        using var client = host.NewBrowser();
        await WebAuthnFlows.SignInAndEnrolAsync(client, DemoUsers.Alice, key);
        var token = await WebAuthnFlows.SignInAsync(client, DemoUsers.Alice);
        var options = WebAuthnFlows.PublicKey((await WebAuthnFlows.OptionsAsync(client, token)).Body);

        var (refused, error) = await WebAuthnFlows.VerifyAsync(client, token, key.Assert(options, new() { KeepCounter = true }));

        Assert.Equal(ErrorCodes.CounterRegression, error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var clone = (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [AuditEventTypes.WebAuthnCounterRegression]), default)).Events.Single();
        Assert.Equal("refused", clone.Detail["action"]);
        Assert.Equal(AuditOutcomes.Failure, clone.Outcome);
        Assert.Equal(("10", "10"), (clone.Detail["stored_count"], clone.Detail["presented_count"]));
        var alice = await host.Services.GetRequiredService<MfaGateway.Storage.IUserStore>().FindAsync("bank", "alice", default);
        var factor = Assert.Single(await host.Services.GetRequiredService<MfaGateway.Storage.IFactorStore>().ListAsync(alice!.Id, default));
        Assert.Equal(factor.Id, clone.Detail["factor_id"]);
    }

    [Fact]
    public async Task Under_counter_regression_flag_a_regressed_key_passes_is_marked_possibly_cloned_and_the_pass_is_audited()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            WebAuthnFlows.Enable(config);
            config["Gateway"]!["WebAuthn"]!["CounterRegression"] = "Flag";
        });
        using var key = new SoftwareAuthenticator { Counter = 10 };
        using var client = host.NewBrowser();
        await WebAuthnFlows.SignInAndEnrolAsync(client, DemoUsers.Alice, key);
        var token = await WebAuthnFlows.SignInAsync(client, DemoUsers.Alice);
        var options = WebAuthnFlows.PublicKey((await WebAuthnFlows.OptionsAsync(client, token)).Body);

        var (passed, _) = await WebAuthnFlows.VerifyAsync(client, token, key.Assert(options, new() { KeepCounter = true }));

        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        var flagged = (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [AuditEventTypes.WebAuthnCounterRegression]), default)).Events.Single();
        Assert.Equal(("flagged", AuditOutcomes.Success), (flagged.Detail["action"], flagged.Outcome));
        var alice = await host.Services.GetRequiredService<MfaGateway.Storage.IUserStore>().FindAsync("bank", "alice", default);
        Assert.True(Assert.Single(await host.Services.GetRequiredService<MfaGateway.Storage.IWebAuthnCredentialStore>().ListAsync(alice!.Id, default)).PossiblyCloned);
    }

    [Fact]
    public async Task An_assertion_replayed_at_a_new_challenge_is_refused_because_no_options_were_issued_for_it()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var key = new SoftwareAuthenticator();
        using var client = host.NewBrowser();
        await WebAuthnFlows.SignInAndEnrolAsync(client, DemoUsers.Alice, key);
        var first = await WebAuthnFlows.SignInAsync(client, DemoUsers.Alice);
        var answer = key.Assert(WebAuthnFlows.PublicKey((await WebAuthnFlows.OptionsAsync(client, first)).Body));
        Assert.Equal(HttpStatusCode.OK, (await WebAuthnFlows.VerifyAsync(client, first, answer)).Response.StatusCode);

        var again = await WebAuthnFlows.VerifyAsync(client, first, answer);
        Assert.Equal(ErrorCodes.ExpiredToken, again.Body.GetProperty("error").GetString());

        using var attacker = host.NewBrowser();
        var second = await WebAuthnFlows.SignInAsync(attacker, DemoUsers.Alice);
        var (replayed, error) = await WebAuthnFlows.VerifyAsync(attacker, second, answer);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal(ErrorCodes.OptionsNotIssued, error.GetProperty("error").GetString());

        // With options of its own, the old answer signs the wrong challenge.
        await WebAuthnFlows.OptionsAsync(attacker, second);
        Assert.Equal(ErrorCodes.ChallengeMismatch, (await WebAuthnFlows.VerifyAsync(attacker, second, answer)).Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_policy_allowing_only_webauthn_refuses_totp_at_its_step_up()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var client = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, client, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var refused = await client.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        var stepUp = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["recovery"], stepUp.GetProperty("available_factors").EnumerateArray().Select(f => f.GetString()));
        var token = stepUp.GetProperty("mfa_token").GetString()!;

        var totp = await client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, factor = "totp", code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.BadRequest, totp.StatusCode);
        Assert.Equal(ErrorCodes.UnsupportedFactor, (await totp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var (_, options) = await WebAuthnFlows.OptionsAsync(client, token);
        Assert.Equal(ErrorCodes.UnsupportedFactor, options.GetProperty("error").GetString());

        var stillRefused = await client.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        Assert.Equal(HttpStatusCode.Unauthorized, stillRefused.StatusCode);
    }

    [Fact]
    public async Task A_policy_requiring_user_verification_refuses_a_key_that_only_proves_presence()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config, stepUpUserVerification: "Required"));
        using var key = new SoftwareAuthenticator { Verifies = false };
        using var client = host.NewBrowser();
        await WebAuthnFlows.SignInAndEnrolAsync(client, DemoUsers.Alice, key); // sign-in prefers UV: presence is enough
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var refused = await client.Http.PostAsJsonAsync("/api/transfers", new { to = "bob", amount = 10.00m });
        var token = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfa_token").GetString()!;
        var (_, optionsBody) = await WebAuthnFlows.OptionsAsync(client, token);
        var options = WebAuthnFlows.PublicKey(optionsBody);
        Assert.Equal("required", optionsBody.GetProperty("public_key").GetProperty("userVerification").GetString());

        var (presenceOnly, error) = await WebAuthnFlows.VerifyAsync(client, token, key.Assert(options));
        Assert.Equal(HttpStatusCode.BadRequest, presenceOnly.StatusCode);
        Assert.Equal(ErrorCodes.UserVerificationRequired, error.GetProperty("error").GetString());

        key.Verifies = true;
        var (verified, _) = await WebAuthnFlows.VerifyAsync(client, token, key.Assert(options));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Under_a_passkey_only_sign_in_the_401_offers_passkey_options_and_no_authenticator_app_enrolment()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            WebAuthnFlows.Enable(config);
            config["Gateway"]!["Policies"]!["signin"]!["Factors"] = new System.Text.Json.Nodes.JsonArray("webauthn");
        });
        using var client = host.NewBrowser();

        var required = await (await ApiFlows.SubmitLoginAsApiAsync(client, DemoUsers.Alice)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["webauthn"], required.GetProperty("available_factors").EnumerateArray().Select(f => f.GetString()));
        Assert.False(required.TryGetProperty("enroll_url", out _));
        Assert.Equal("/.mfa/api/webauthn/options", required.GetProperty("webauthn_options_url").GetString());
        var enrolTotp = await client.Http.PostAsJsonAsync("/.mfa/api/enrol/totp", new { mfa_token = required.GetProperty("mfa_token").GetString() });
        Assert.Equal(HttpStatusCode.BadRequest, enrolTotp.StatusCode);
        Assert.Equal(ErrorCodes.UnsupportedFactor, (await enrolTotp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"mfa_token":"x","factor":"webauthn"}""")]
    [InlineData("""{"mfa_token":"x","factor":"webauthn","credential":"a string"}""")]
    [InlineData("""{"mfa_token":"x","factor":"webauthn","credential":[1]}""")]
    [InlineData("""{"mfa_token":"x","factor":"webauthn","credential":{},"name":"   "}""")]
    public async Task A_webauthn_answer_without_a_credential_object_or_with_a_blank_name_is_a_clear_400(string body)
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var client = host.NewBrowser();

        var response = await client.Http.PostAsync("/.mfa/api/verify", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Options_for_an_unknown_token_are_expired_token()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var client = host.NewBrowser();

        var (response, body) = await WebAuthnFlows.OptionsAsync(client, "AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, body.GetProperty("error").GetString());
    }
}
