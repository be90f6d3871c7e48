using System.Net;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Sessions;

namespace MfaGateway.Tests.SelfService;

/// <summary>
/// Removing the last factor turns MFA off, so it follows the turn-off rule: a proof now (a current
/// code, a recovery code or the passkey), never a fresh session alone; and enrolling again
/// afterwards needs the password.
/// </summary>
public sealed class LastFactorRemovalTests
{
    [Fact]
    public async Task On_the_page_it_is_refused_without_a_code_and_with_a_wrong_one_and_done_with_a_recovery_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();

        // The session's MFA is seconds old, which is not enough here.
        var withoutCode = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", factor.Id));
        var wrongCode = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", factor.Id), ("code", BankFlows.WrongCodeFor(enrolled.Secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.OK, withoutCode.StatusCode);
        var confirm = await withoutCode.Content.ReadAsStringAsync();
        Assert.Contains("Confirm it's you", confirm);
        Assert.Contains("&quot;Authenticator app&quot; is your only verification method", confirm);
        Assert.Contains($"name=\"factorId\" value=\"{factor.Id}\"", confirm);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(1, (await SecurityFlows.UserAsync(host, "alice")).ConsecutiveFailures);

        var removed = await SecurityFlows.PostAsync(browser, "Remove", ("factorId", factor.Id), ("code", enrolled.RecoveryCodes[0]));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Two-step verification is off", await removed.Content.ReadAsStringAsync());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(0, await SecurityFlows.RecoveryCodesLeftAsync(host, "alice"));
    }

    [Fact]
    public async Task By_json_it_is_refused_without_a_code_and_done_with_a_current_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();
        var path = $"{SecurityFlows.Api}/factors/{factor.Id}";

        var withoutBody = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, path);
        var withoutCode = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, path, new { });
        var wrongCode = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, path, new { code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.Forbidden, withoutBody.StatusCode);
        var required = await SecurityFlows.JsonOf(withoutBody);
        Assert.Equal(ErrorCodes.ProofRequired, required.GetProperty("error").GetString());
        Assert.False(required.TryGetProperty("proof_options_url", out _), "a user without a passkey is not offered a passkey proof");
        Assert.Equal(HttpStatusCode.Forbidden, withoutCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, (await SecurityFlows.JsonOf(wrongCode)).GetProperty("error").GetString());
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));

        host.Time.AdvanceToNextTimeStep();
        var removed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, path, new { code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.True((await SecurityFlows.JsonOf(removed)).GetProperty("session_ended").GetBoolean());
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "alice"));
    }

    [Fact]
    public async Task After_the_last_factor_is_removed_a_new_authenticator_needs_a_new_sign_in_with_the_password()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var factor = (await SecurityFlows.FactorsAsync(host, "alice")).Single();
        host.Time.AdvanceToNextTimeStep();
        var removed = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{factor.Id}", new { code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        // The surviving app session enrols nothing: not on the security API, not through the app.
        var start = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, $"{SecurityFlows.Api}/factors/totp");
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Equal(ErrorCodes.LoginRequired, (await SecurityFlows.JsonOf(start)).GetProperty("error").GetString());
        await SessionEndFlows.AssertSentToSignInAsync(browser);

        // The password signs in again, and then enrolment is offered.
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var (page, _) = await browser.FollowAsync(login);
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Two_factors_removed_in_parallel_without_a_code_leave_one()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var first = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        await SecurityFlows.AddAuthenticatorAsync(host, browser, first);
        var factors = await SecurityFlows.FactorsAsync(host, "alice");
        Assert.Equal(2, factors.Count);

        var removals = await Task.WhenAll(factors.Select(f =>
            SecurityFlows.SendJsonAsync(browser, HttpMethod.Delete, $"{SecurityFlows.Api}/factors/{f.Id}")));

        // Only one may go without a code, however they interleave: the other finds it would remove the
        // last one (403 proof_required), or finds its session already ended by the first removal (401).
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Single(removals, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(removals, r => r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
    }
}
