using System.Net;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// An attacker can always fetch a valid antiforgery token and cookie for themselves. Planted in the
/// victim's browser (from a sibling subdomain, say), the pair must not work with the victim's challenge
/// or session.
/// </summary>
public sealed class AntiforgeryBindingTests
{
    private const string AntiforgeryCookie = "mfa-antiforgery";

    [Fact]
    public async Task An_attackers_own_token_and_cookie_are_refused_with_alices_challenge()
    {
        await using var host = await GatewayTestHost.StartAsync();
        byte[] secret;
        using (var first = host.NewBrowser())
        {
            secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        }

        host.Time.AdvanceToNextTimeStep();
        using var attacker = host.NewBrowser();
        var (_, attackerPage) = await attacker.FollowAsync(await BankFlows.SubmitLoginAsync(attacker, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
        var attackerToken = SecurityFlows.Token(attackerPage);

        using var alice = host.NewBrowser();
        var (_, challenge) = await alice.FollowAsync(await BankFlows.SubmitLoginAsync(alice, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Plant(alice, attacker.Cookie(AntiforgeryCookie, "/.mfa/")!);
        var code = BankFlows.CodeAt(secret, host.Time.GetUtcNow());

        var forged = await alice.PostFormAsync("/.mfa/challenge", [new("__mfa_csrf", attackerToken), new("Method", "totp"), new("Code", code)]);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(alice.Cookie("mfa-session-bank"));

        // The refusal spent nothing: with her own token and cookie the same code still passes.
        (_, challenge) = await alice.GetPageAsync("/.mfa/challenge");
        var genuine = await alice.SubmitAsync("/.mfa/challenge", challenge, ("Code", code));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.NotNull(alice.Cookie("mfa-session-bank"));
    }

    [Fact]
    public async Task An_attackers_own_token_and_cookie_are_refused_with_alices_session_on_the_security_page()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var alice = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        using var attacker = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, attacker, DemoUsers.Bob);
        var (_, attackerPage) = await SecurityFlows.OpenAsync(attacker);
        var proof = SecurityFlows.ProofCode(host, secret);
        var codesBefore = await SecurityFlows.RecoveryCodesLeftAsync(host, DemoUsers.Alice.Name);

        Plant(alice, attacker.Cookie(AntiforgeryCookie, "/.mfa/")!);
        var forged = await SecurityFlows.PostFromAsync(alice, attackerPage, "RecoveryCodes", ("code", proof));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("New recovery codes were created", await forged.Content.ReadAsStringAsync());
        Assert.Equal(codesBefore, await SecurityFlows.RecoveryCodesLeftAsync(host, DemoUsers.Alice.Name));

        // Her own page's token, beside the cookie the page sets, works as before.
        var genuine = await SecurityFlows.PostAsync(alice, "RecoveryCodes", ("code", proof));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Contains("New recovery codes were created", await genuine.Content.ReadAsStringAsync());
    }

    /// <summary>Replaces the victim's antiforgery cookie with the attacker's, as a cookie set from a sibling subdomain would.</summary>
    private static void Plant(Browser victim, string value)
    {
        foreach (System.Net.Cookie cookie in victim.Cookies.GetCookies(new Uri(victim.BaseAddress, "/.mfa/")))
        {
            if (cookie.Name == AntiforgeryCookie)
            {
                cookie.Expired = true;
            }
        }

        victim.SetCookie(AntiforgeryCookie, value, "/.mfa");
    }
}
