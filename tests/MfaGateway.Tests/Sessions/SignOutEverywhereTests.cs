using System.Net;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using static MfaGateway.Tests.Sessions.SessionEndFlows;

namespace MfaGateway.Tests.Sessions;

/// <summary>"Sign out everywhere" from the admin API, the command line, the security page and its API: every browser of the user must sign in again.</summary>
public sealed class SignOutEverywhereTests
{
    [Fact]
    public async Task The_admin_api_signs_a_user_out_of_every_browser()
    {
        await using var admin = await AdminApiHost.StartAsync();
        var host = admin.Host;
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, secret);

        var result = await admin.ActAsync("sign-out-everywhere", "alice", """{"reason": "laptop stolen"}""");

        Assert.Equal("sign_out_everywhere", result.GetProperty("action").GetString());
        await AssertSentToSignInAsync(browser);
        await AssertSentToSignInAsync(other);
        var audited = Assert.Single((await admin.AuditAsync("type=admin.sign_out_everywhere")).GetProperty("events").EnumerateArray());
        Assert.Equal("laptop stolen", audited.GetProperty("detail").GetProperty("reason").GetString());
        Assert.Single((await admin.AuditAsync("type=sessions.ended")).GetProperty("events").EnumerateArray());

        // Signing in again works as before.
        host.Time.AdvanceToNextTimeStep();
        Assert.True(await SecurityFlows.SignsInWithAsync(host, secret, DemoUsers.Alice));
    }

    [Fact]
    public async Task The_command_line_signs_a_user_out_and_a_running_gateway_notices_within_seconds()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(host.Directory, "user", "sign-out-everywhere", "bank", "alice", "--config", host.ConfigPath);
        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains("\"action\": \"sign_out_everywhere\"", stdout);

        // The gateway reads ends made by other processes every few seconds of its clock. Until that
        // refresh has run, copies of the cookies try, so the browser's own stay as they were.
        host.Time.Advance(TimeSpan.FromSeconds(6));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = CopyOf(host, browser, AppCookie, SecurityFlows.SessionCookie);
            if (!await IsSignedInAsync(probe, DemoUsers.Alice))
            {
                break;
            }

            await Task.Delay(50);
        }

        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task The_security_page_button_signs_the_user_out_of_every_browser_this_one_included()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, secret);
        host.Time.Advance(TimeSpan.FromMinutes(30)); // only takes access away: no fresh MFA needed

        var (_, page) = await SecurityFlows.OpenAsync(other);
        Assert.Contains("Sign out everywhere", page);
        var done = await SecurityFlows.PostFromAsync(other, page, "SignOutEverywhere");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Signed out everywhere", await done.Content.ReadAsStringAsync());
        await AssertSentToSignInAsync(browser);
        await AssertSentToSignInAsync(other);
    }

    [Fact]
    public async Task The_security_api_signs_the_user_out_of_every_browser()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        using var other = await SecondBrowserAsync(host, DemoUsers.Alice, secret);

        var done = await SecurityFlows.SendJsonAsync(other, HttpMethod.Post, $"{SecurityFlows.Api}/sign-out-everywhere");
        var body = await SecurityFlows.JsonOf(done);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("signed_out", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("session_ended").GetBoolean());
        await AssertSentToSignInAsync(browser);
        await AssertSentToSignInAsync(other);
    }
}
