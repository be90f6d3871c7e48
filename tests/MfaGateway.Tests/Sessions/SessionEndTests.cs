using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;
using static MfaGateway.Tests.Sessions.SessionEndFlows;

namespace MfaGateway.Tests.Sessions;

/// <summary>
/// Sessions end server-side: a saved copy of the cookies is refused after logout, and every session of
/// the user (here: a second browser) ends after a reset, a factor removal, MFA turned off, a password
/// change and a lock.
/// </summary>
public sealed class SessionEndTests
{
    [Fact]
    public async Task A_saved_copy_of_the_app_and_gateway_cookies_is_refused_after_logout()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var saved = CopyOf(host, browser, AppCookie, SecurityFlows.SessionCookie);
        Assert.True(await IsSignedInAsync(saved, DemoUsers.Alice));

        await browser.GetAsync("/logout");

        // The demo bank's cookie is stateless and would still be honoured: the gateway refuses it.
        await AssertSentToSignInAsync(saved);
    }

    [Fact]
    public async Task A_saved_app_cookie_with_a_known_device_is_not_let_in_by_a_quiet_risk_check_after_logout()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        // A known device signs in quietly, as the saved copy would be let in before the logout.
        using (var quiet = CopyOf(host, browser, AppCookie, "mfa-did"))
        {
            Assert.True(await IsSignedInAsync(quiet, DemoUsers.Alice));
        }

        using var saved = CopyOf(host, browser, AppCookie, "mfa-did");
        await browser.GetAsync("/logout");

        await AssertSentToSignInAsync(saved);
    }

    [Fact]
    public async Task An_admin_reset_ends_the_users_session_in_another_browser()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, secret);

        await host.Services.GetRequiredService<UserAdministration>().ResetFactorsAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), null, default);

        await AssertSentToSignInAsync(other);
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task Removing_a_factor_ends_the_users_other_sessions_and_keeps_the_one_that_removed_it()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var first = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        await SecurityFlows.AddAuthenticatorAsync(host, browser, first);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, first);
        var firstFactor = (await SecurityFlows.FactorsAsync(host, "alice"))[0];

        // The second browser signed in a moment ago, so its MFA is fresh: it removes the first factor.
        var removed = await SecurityFlows.PostAsync(other, "Remove", ("factorId", firstFactor.Id));

        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.True(await IsSignedInAsync(other, DemoUsers.Alice));
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task Turning_mfa_off_ends_the_users_session_in_another_browser()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, secret);

        host.Time.AdvanceToNextTimeStep();
        var off = await SecurityFlows.PostAsync(browser, "TurnOff", ("code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        await AssertSentToSignInAsync(other);
    }

    [Fact]
    public async Task A_password_change_reported_to_the_gateway_ends_the_users_sessions()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, secret);

        await host.Services.GetRequiredService<UserAdministration>().PasswordChangedAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), null, default);

        // The bank did not end its own sessions (it was told nothing): the gateway does.
        await AssertSentToSignInAsync(other);
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task A_lock_after_too_many_wrong_codes_ends_the_users_session_in_another_browser()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Challenge"] = new JsonObject { ["MaxConsecutiveUserFailures"] = 3 });
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        Assert.True(await IsSignedInAsync(browser, DemoUsers.Alice));

        // Someone with the password guesses codes in a browser of their own.
        using var guesser = host.NewBrowser();
        var (_, page) = await guesser.FollowAsync(await BankFlows.SubmitLoginAsync(guesser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            page = await (await guesser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())))).Content.ReadAsStringAsync();
        }

        Assert.Contains("Verification locked", page);
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task Another_users_sessions_are_untouched_when_one_user_is_signed_out_everywhere()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var alice = host.NewBrowser();
        using var bob = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        await BankFlows.SignInAndEnrolAsync(host, bob, DemoUsers.Bob);

        await host.Services.GetRequiredService<UserAdministration>().ResetFactorsAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), null, default);

        await AssertSentToSignInAsync(alice);
        Assert.True(await IsSignedInAsync(bob, DemoUsers.Bob));
    }

    [Fact]
    public async Task Ended_sessions_stay_ended_after_a_restart()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var saved = new[] { AppCookie, SecurityFlows.SessionCookie }.Select(name => (Name: name, Value: browser.Cookie(name)!)).ToList();
        await browser.GetAsync("/logout");

        await host.RestartGatewayAsync();
        using var copy = host.NewBrowser(); // the saved cookies, at the restarted gateway's new port
        foreach (var (name, value) in saved)
        {
            copy.SetCookie(name, value);
        }

        await AssertSentToSignInAsync(copy);
    }
}
