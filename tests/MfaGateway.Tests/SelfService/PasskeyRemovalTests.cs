using System.Net;
using MfaGateway.Audit;
using MfaGateway.Enforcement;
using MfaGateway.Storage;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.SelfService;

/// <summary>
/// Renaming and removing passkeys follow the rules of every factor: a fresh MFA for a change, and for
/// the last factor a proof now (a recovery code, or the passkey itself), never a fresh session alone.
/// </summary>
public sealed class PasskeyRemovalTests
{
    [Fact]
    public async Task A_passkey_is_renamed_with_its_name_normalised_and_a_bad_name_refused()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator();
        var id = await PasskeyFlows.AddAsync(browser, key, proofCode: SecurityFlows.ProofCode(host, secret));

        var renamed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{id}/rename", new { name = "  Blue key  " });
        var refused = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{id}/rename", new { name = "two\nlines" });
        var onPage = await SecurityFlows.PostAsync(browser, "Rename", ("factorId", id), ("name", "Office key"));

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await SecurityFlows.JsonOf(refused)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.SeeOther, onPage.StatusCode);
        Assert.Equal("Office key", (await SecurityFlows.FactorsAsync(host, "alice")).Single(f => f.Id == id).Name);
    }

    [Fact]
    public async Task Removing_a_passkey_beside_another_factor_needs_a_fresh_mfa_and_then_removes_its_credential()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator();
        var id = await PasskeyFlows.AddAsync(browser, key, proofCode: SecurityFlows.ProofCode(host, secret));
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var stale = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{id}");
        var stalePage = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", id));

        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal(ErrorCodes.FreshMfaRequired, (await SecurityFlows.JsonOf(stale)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.SeeOther, stalePage.StatusCode);
        Assert.Equal(SecurityFlows.VerifyUrl, stalePage.Headers.Location!.OriginalString);
        Assert.Equal(2, (await SecurityFlows.FactorsAsync(host, "alice")).Count);

        var (_, challenge) = await browser.GetPageAsync(SecurityFlows.VerifyUrl);
        await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        var removed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{id}");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("totp", (await SecurityFlows.FactorsAsync(host, "alice")).Single().Type);
        Assert.Null(await host.Services.GetRequiredService<IWebAuthnCredentialStore>().FindAsync(key.CredentialId, default));
        var audited = await PasskeyFlows.AuditedAsync(host, AuditEventTypes.FactorRemoved);
        Assert.Contains(audited, e => e.Detail["factor"] == "webauthn" && e.Detail["factor_id"] == id);
    }

    [Fact]
    public async Task The_last_factor_being_a_passkey_needs_a_recovery_code_or_the_passkey_and_the_page_offers_just_those()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator();
        var id = await PasskeyFlows.AddAsync(browser, key, proofCode: SecurityFlows.ProofCode(host, enrolled.Secret));
        var app = (await SecurityFlows.FactorsAsync(host, "alice")).Single(f => f.Type == "totp");
        Assert.Equal(HttpStatusCode.OK, (await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{app.Id}")).StatusCode);

        // The session's MFA is seconds old, which is not enough for the last factor.
        var (_, page) = await SecurityFlows.OpenAsync(browser);
        Assert.Contains("This is your only security key: removing it turns two-step verification off", page);
        var withoutCode = await SecurityFlows.PostFromAsync(browser, page, "Remove", ("factorId", id));
        var confirm = await withoutCode.Content.ReadAsStringAsync();
        var byJson = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{id}", new { });
        host.Time.AdvanceToNextTimeStep();
        var oldAppCode = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", id), ("code", BankFlows.CodeAt(enrolled.Secret, host.Time.GetUtcNow())));

        // The step asks for a recovery code or the passkey, nothing a passkey user does not have.
        Assert.Equal(HttpStatusCode.OK, withoutCode.StatusCode);
        Assert.Contains(">Recovery code</label>", confirm);
        Assert.DoesNotContain("Code from your authenticator app", confirm);
        Assert.Contains("data-webauthn=\"get\"", confirm);
        Assert.Contains("<script src=\"/.mfa/assets/webauthn.js\" defer></script>", confirm);
        SecurityFlows.AssertNoInlineScriptOrStyle(confirm);
        Assert.Equal(HttpStatusCode.Forbidden, byJson.StatusCode);
        var required = await SecurityFlows.JsonOf(byJson);
        Assert.Equal(ErrorCodes.ProofRequired, required.GetProperty("error").GetString());
        Assert.Equal(PasskeyFlows.ProofStart, required.GetProperty("proof_options_url").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, oldAppCode.StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));

        var removed = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", id), ("code", enrolled.RecoveryCodes[0]));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Two-step verification is off", await removed.Content.ReadAsStringAsync());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Null(await host.Services.GetRequiredService<IWebAuthnCredentialStore>().FindAsync(key.CredentialId, default));
    }

    [Fact]
    public async Task On_the_page_the_last_passkey_confirms_its_own_removal_once()
    {
        await using var host = await PasskeyFlows.StartHostAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        using var key = new SoftwareAuthenticator();
        var id = await PasskeyFlows.AddAsync(browser, key);
        var confirm = await (await SecurityFlows.PostAsync(browser, "Remove", ("factorId", id))).Content.ReadAsStringAsync();
        var (proofId, options) = PasskeyFlows.ProofOptionsOf(confirm);
        var assertion = key.Assert(options);

        // Another origin's answer is refused with the page's sentence, and counted.
        var elsewhere = await SecurityFlows.PostFromAsync(browser, confirm, "Remove",
            ("factorId", id), ("proofId", proofId), ("Credential", key.Assert(options, new SoftwareAuthenticator.Tamper { Origin = "https://bank.example.evil.test" })));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("Confirm it's you", await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(1, (await SecurityFlows.UserAsync(host, "carol")).ConsecutiveFailures);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "carol"));

        var removed = await SecurityFlows.PostFromAsync(browser, confirm, "Remove", ("factorId", id), ("proofId", proofId), ("Credential", assertion));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Two-step verification is off", await removed.Content.ReadAsStringAsync());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "carol"));
        var disabled = Assert.Single(await PasskeyFlows.AuditedAsync(host, AuditEventTypes.MfaDisabled));
        Assert.Equal("webauthn", disabled.Detail["factor"]);
    }

    [Fact]
    public async Task With_only_passkeys_and_no_recovery_code_left_a_typed_code_is_not_counted_and_the_passkey_proves_it_by_json()
    {
        await using var host = await PasskeyFlows.StartHostAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        using var key = new SoftwareAuthenticator();
        var id = await PasskeyFlows.AddAsync(browser, key);
        await host.Services.GetRequiredService<IRecoveryCodeStore>().RemoveAllAsync((await SecurityFlows.UserAsync(host, "carol")).Id, default);
        var path = $"{SecurityFlows.Api}/factors/{id}";

        var typed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, path, new { code = "123456" });

        Assert.Equal(HttpStatusCode.Forbidden, typed.StatusCode);
        var required = await SecurityFlows.JsonOf(typed);
        Assert.Equal(ErrorCodes.ProofRequired, required.GetProperty("error").GetString());
        Assert.Contains("no typed code can confirm this", required.GetProperty("error_description").GetString());
        Assert.Equal(0, (await SecurityFlows.UserAsync(host, "carol")).ConsecutiveFailures);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "carol"));

        var (proofId, options) = await PasskeyFlows.StartProofAsync(browser);
        var removed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, path, PasskeyFlows.Proof(proofId, key.Assert(options)));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.True((await SecurityFlows.JsonOf(removed)).GetProperty("session_ended").GetBoolean());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "carol"));
    }
}
