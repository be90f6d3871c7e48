using System.Net;
using MfaGateway.Audit;
using MfaGateway.Enforcement;
using MfaGateway.Storage;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.SelfService;

/// <summary>
/// Adding a passkey or security key from the security page and its API, under the rule authenticator
/// apps follow: a user's first freely, another only with a proof (a code or a passkey) at the start.
/// </summary>
public sealed class PasskeyAdditionTests
{
    [Fact]
    public async Task On_the_page_a_passkey_made_from_the_forms_options_is_added_and_listed_with_its_name()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var (_, overview) = await SecurityFlows.OpenAsync(browser);
        Assert.Contains("Add a passkey or security key", overview);

        var asked = await SecurityFlows.PostFromAsync(browser, overview, "AddPasskey");
        var askedPage = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Confirm it's you", askedPage);
        var started = await SecurityFlows.PostFromAsync(browser, askedPage, "AddPasskey", ("code", SecurityFlows.ProofCode(host, secret)));
        var setupPage = await started.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        SecurityFlows.AssertNoInlineScriptOrStyle(setupPage);
        Assert.Contains("<input type=\"hidden\" name=\"Credential\">", setupPage);
        Assert.Contains("<button type=\"button\" data-webauthn-start hidden>Create passkey</button>", setupPage);
        Assert.Contains("<p class=\"error\" data-webauthn-error role=\"alert\" hidden></p>", setupPage);
        Assert.Contains("<script src=\"/.mfa/assets/webauthn.js\" defer></script>", setupPage);
        var setupId = HtmlPage.HiddenFields(setupPage).Single(f => f.Key == "setupId").Value;
        using var key = new SoftwareAuthenticator { Synced = true };
        var credential = key.Register(PasskeyFlows.OptionsOf(setupPage));

        var added = await SecurityFlows.PostFromAsync(browser, setupPage, "ConfirmPasskey", ("setupId", setupId), ("Credential", credential), ("name", "Laptop"));

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var (_, html) = await browser.FollowAsync(added);
        Assert.Contains("The passkey or security key was added.", html);
        Assert.Contains("Laptop", html);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single(f => f.Type == "webauthn");
        Assert.Equal("Laptop", factor.Name);
        var stored = await host.Services.GetRequiredService<IWebAuthnCredentialStore>().FindAsync(key.CredentialId, default);
        Assert.Equal(factor.Id, stored!.FactorId);
    }

    [Fact]
    public async Task By_json_a_passkey_is_added_with_a_proof_and_the_addition_is_audited()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator { Transports = ["usb"] };
        var (setupId, options) = await PasskeyFlows.StartAsync(browser, SecurityFlows.ProofCode(host, secret));

        var added = await PasskeyFlows.ConfirmAsync(browser, setupId, key.Register(options));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var factor = (await SecurityFlows.JsonOf(added)).GetProperty("factor");
        Assert.Equal("webauthn", factor.GetProperty("type").GetString());
        Assert.Equal("Security key", factor.GetProperty("name").GetString());
        Assert.Equal("security_key", factor.GetProperty("webauthn").GetProperty("kind").GetString());
        Assert.Equal("device_only", factor.GetProperty("webauthn").GetProperty("sync").GetString());
        Assert.False((await SecurityFlows.JsonOf(added)).TryGetProperty("recovery_codes", out _));
        var enrolled = await PasskeyFlows.AuditedAsync(host, AuditEventTypes.FactorEnrolled);
        Assert.Contains(enrolled, e => e.Detail["factor"] == "webauthn" && e.Detail["factor_id"] == factor.GetProperty("id").GetString() && e.Detail["via"] == "self-service");
    }

    [Fact]
    public async Task A_fresh_session_alone_does_not_start_a_second_factor_and_a_proof_does_even_when_stale()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        // Seconds after the sign-in: fresh, and still not enough.
        var start = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, PasskeyFlows.Start);
        var wrong = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, PasskeyFlows.Start, new { code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(ErrorCodes.ProofRequired, (await SecurityFlows.JsonOf(start)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, (await SecurityFlows.JsonOf(wrong)).GetProperty("error").GetString());
        Assert.Equal(1, (await SecurityFlows.UserAsync(host, "alice")).ConsecutiveFailures);

        // The proof is what counts, not the session's age.
        host.Time.Advance(TimeSpan.FromMinutes(30));
        using var key = new SoftwareAuthenticator();
        var (setupId, options) = await PasskeyFlows.StartAsync(browser, SecurityFlows.ProofCode(host, secret));
        Assert.Equal(HttpStatusCode.Created, (await PasskeyFlows.ConfirmAsync(browser, setupId, key.Register(options))).StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"), f => f.Type == "webauthn");
    }

    [Fact]
    public async Task A_set_up_started_as_the_first_factor_does_not_become_a_second_one_without_a_proof()
    {
        await using var host = await PasskeyFlows.StartHostAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        using var key = new SoftwareAuthenticator();
        var (passkeySetup, options) = await PasskeyFlows.StartAsync(browser);
        var app = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp");
        var appSetup = (await SecurityFlows.JsonOf(app)).GetProperty("setup_id").GetString();

        // Another window turns MFA on with a second passkey meanwhile.
        using var other = new SoftwareAuthenticator();
        var (firstSetup, firstOptions) = await PasskeyFlows.StartAsync(browser);
        var first = await PasskeyFlows.ConfirmAsync(browser, firstSetup, other.Register(firstOptions));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var late = await PasskeyFlows.ConfirmAsync(browser, passkeySetup, key.Register(options));
        var lateApp = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp/confirm", new { setup_id = appSetup, code = "000000" });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await SecurityFlows.JsonOf(late)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, lateApp.StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "carol"));
    }

    [Fact]
    public async Task Another_users_set_up_id_is_refused_and_the_set_up_stays_its_owners()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var alice = host.NewBrowser();
        using var bob = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);
        using var key = new SoftwareAuthenticator();
        var (setupId, options) = await PasskeyFlows.StartAsync(alice, SecurityFlows.ProofCode(host, secret));
        var answer = key.Register(options);

        var stolen = await PasskeyFlows.ConfirmAsync(bob, setupId, answer);

        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await SecurityFlows.JsonOf(stolen)).GetProperty("error").GetString());
        Assert.DoesNotContain(await SecurityFlows.FactorsAsync(host, "bob"), f => f.Type == "webauthn");
        Assert.Equal(HttpStatusCode.Created, (await PasskeyFlows.ConfirmAsync(alice, setupId, answer)).StatusCode);
    }

    [Fact]
    public async Task A_replayed_confirmation_is_refused_and_adds_nothing()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator();
        var (setupId, options) = await PasskeyFlows.StartAsync(browser, SecurityFlows.ProofCode(host, secret));
        var answer = key.Register(options);

        var first = await PasskeyFlows.ConfirmAsync(browser, setupId, answer);
        var replay = await PasskeyFlows.ConfirmAsync(browser, setupId, answer);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(ErrorCodes.ExpiredToken, (await SecurityFlows.JsonOf(replay)).GetProperty("error").GetString());
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"), f => f.Type == "webauthn");
    }

    [Fact]
    public async Task An_answer_for_another_origin_is_refused_with_its_code_and_a_clear_message_on_the_page()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator();
        var (setupId, options) = await PasskeyFlows.StartAsync(browser, SecurityFlows.ProofCode(host, secret));
        var elsewhere = new SoftwareAuthenticator.Tamper { Origin = "https://bank.example.evil.test" };

        var refused = await PasskeyFlows.ConfirmAsync(browser, setupId, key.Register(options, elsewhere));
        var unreadable = await PasskeyFlows.ConfirmAsync(browser, setupId, "{\"id\": 1}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(ErrorCodes.OriginMismatch, (await SecurityFlows.JsonOf(refused)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await SecurityFlows.JsonOf(unreadable)).GetProperty("error").GetString());

        var setupPage = await (await SecurityFlows.PostAsync(browser, "AddPasskey", ("code", SecurityFlows.ProofCode(host, secret)))).Content.ReadAsStringAsync();
        var pageSetupId = HtmlPage.HiddenFields(setupPage).Single(f => f.Key == "setupId").Value;
        var onPage = await SecurityFlows.PostFromAsync(browser, setupPage, "ConfirmPasskey",
            ("setupId", pageSetupId), ("Credential", key.Register(PasskeyFlows.OptionsOf(setupPage), elsewhere)));
        Assert.Equal(HttpStatusCode.BadRequest, onPage.StatusCode);
        Assert.Contains("Your browser made this passkey for another web address.", await onPage.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await SecurityFlows.FactorsAsync(host, "alice"), f => f.Type == "webauthn");
    }

    [Fact]
    public async Task An_optional_user_without_a_factor_turns_mfa_on_with_a_passkey_and_gets_recovery_codes()
    {
        await using var host = await PasskeyFlows.StartHostAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        using var key = new SoftwareAuthenticator { Synced = true };
        var (setupId, options) = await PasskeyFlows.StartAsync(browser);

        var added = await PasskeyFlows.ConfirmAsync(browser, setupId, key.Register(options));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var json = await SecurityFlows.JsonOf(added);
        Assert.Equal(10, json.GetProperty("recovery_codes").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("mfa_session").GetString()));
        Assert.Equal("Passkey", json.GetProperty("factor").GetProperty("name").GetString());
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "carol"));
    }

    [Fact]
    public async Task Without_the_webauthn_section_no_passkey_is_offered_and_starting_one_is_not_found()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        var (_, page) = await SecurityFlows.OpenAsync(browser);
        var status = await SecurityFlows.JsonOf(await SecurityFlows.GetJsonAsync(browser));
        var start = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, PasskeyFlows.Start);

        Assert.DoesNotContain("passkey", page, StringComparison.OrdinalIgnoreCase);
        Assert.False(status.GetProperty("passkeys_offered").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, (await SecurityFlows.JsonOf(start)).GetProperty("error").GetString());
    }
}
