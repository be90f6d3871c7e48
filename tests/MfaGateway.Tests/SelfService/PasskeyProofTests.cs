using System.Net;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

/// <summary>A passkey confirming a sensitive change: options bound to one user, answered once, and never an MFA challenge's.</summary>
public sealed class PasskeyProofTests
{
    [Fact]
    public async Task A_proof_is_bound_to_its_user_and_answered_once()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var alice = host.NewBrowser();
        using var bob = host.NewBrowser();
        var aliceSecret = await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        var bobSecret = await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);
        using var aliceKey = new SoftwareAuthenticator();
        using var bobKey = new SoftwareAuthenticator();
        await PasskeyFlows.AddAsync(alice, aliceKey, proofCode: SecurityFlows.ProofCode(host, aliceSecret));
        await PasskeyFlows.AddAsync(bob, bobKey, proofCode: SecurityFlows.ProofCode(host, bobSecret));
        var renew = $"{SecurityFlows.Api}/recovery-codes";
        var (proofId, options) = await PasskeyFlows.StartProofAsync(alice);
        var answer = aliceKey.Assert(options);

        // Bob's session sends Alice's proof id and her key's answer, then his own key's answer to her options.
        var stolen = await SecurityFlows.SendJsonAsync(bob, HttpMethod.Post, renew, PasskeyFlows.Proof(proofId, answer));
        var bobsKeyOnHers = await SecurityFlows.SendJsonAsync(bob, HttpMethod.Post, renew, PasskeyFlows.Proof(proofId, bobKey.Assert(options)));

        Assert.Equal(HttpStatusCode.Forbidden, stolen.StatusCode);
        Assert.Equal(ErrorCodes.ProofRequired, (await SecurityFlows.JsonOf(stolen)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, bobsKeyOnHers.StatusCode);

        var renewed = await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, renew, PasskeyFlows.Proof(proofId, answer));
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var codes = (await SecurityFlows.JsonOf(renewed)).GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(10, codes.Count);

        var replayed = await SecurityFlows.SendJsonAsync(alice, HttpMethod.Post, renew, PasskeyFlows.Proof(proofId, answer));
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Contains("expired or was already used", (await SecurityFlows.JsonOf(replayed)).GetProperty("error_description").GetString());
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));
    }

    [Fact]
    public async Task The_options_of_an_mfa_challenge_do_not_prove_a_change()
    {
        await using var host = await PasskeyFlows.StartHostAsync(config =>
            config["Gateway"]!["Policies"]!["signin"]!["Factors"] = new System.Text.Json.Nodes.JsonArray("totp", "webauthn"));
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator();
        await PasskeyFlows.AddAsync(browser, key, proofCode: SecurityFlows.ProofCode(host, secret));

        // A step-up challenge's options (from the fresh_mfa_required answer of a stale session) answered, then sent as a proof.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var stale = await SecurityFlows.JsonOf(await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/{(await SecurityFlows.FactorsAsync(host, "alice"))[0].Id}/primary"));
        var token = stale.GetProperty("mfa_token").GetString()!;
        var challengeOptions = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, "/.mfa/api/webauthn/options", new { mfa_token = token });
        Assert.Equal(HttpStatusCode.OK, challengeOptions.StatusCode);
        var publicKey = (await SecurityFlows.JsonOf(challengeOptions)).GetProperty("public_key").GetRawText();

        var sent = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/recovery-codes", PasskeyFlows.Proof(token, key.Assert(publicKey)));

        Assert.Equal(HttpStatusCode.Forbidden, sent.StatusCode);
        Assert.Equal(ErrorCodes.ProofRequired, (await SecurityFlows.JsonOf(sent)).GetProperty("error").GetString());
        Assert.Equal(10, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));
    }
}
