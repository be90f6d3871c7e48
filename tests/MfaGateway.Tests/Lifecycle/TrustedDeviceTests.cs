using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.TrustedDevices;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Lifecycle;

public sealed class TrustedDeviceTests
{
    private const string DeviceCookie = "mfa-device-bank";

    [Fact]
    public async Task A_remembered_device_skips_sign_in_mfa_for_the_configured_days_and_not_after()
    {
        await using var host = await StartAsync();
        var (secret, browser) = await EnrolAndRememberAsync(host, DemoUsers.Alice);
        Assert.NotNull(browser.Cookie(DeviceCookie));

        host.Time.Advance(TimeSpan.FromDays(29));
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode); // the app's own redirect, released at once
        Assert.NotNull(browser.Cookie("DemoSession"));
        var (dashboard, body) = await browser.FollowAsync(login);
        Assert.Contains("Welcome, alice", body);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        host.Time.Advance(TimeSpan.FromDays(2));
        var expired = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal(HttpStatusCode.SeeOther, expired.StatusCode);
        Assert.Equal("/.mfa/challenge", expired.Headers.Location!.OriginalString);
        browser.Dispose();
        GC.KeepAlive(secret);
    }

    [Fact]
    public async Task A_remembered_device_never_satisfies_a_step_up_whose_max_age_has_passed()
    {
        await using var host = await StartAsync();
        var (_, browser) = await EnrolAndRememberAsync(host, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromDays(1));
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        var (_, form) = await browser.GetPageAsync("/transfer");
        var post = await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "5.00"));

        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Equal("/.mfa/challenge", post.Headers.Location!.OriginalString);
        browser.Dispose();
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other user")]
    [InlineData("revoked")]
    public async Task A_device_cookie_that_is_tampered_belongs_to_another_user_or_was_revoked_is_refused(string kind)
    {
        await using var host = await StartAsync();
        var (_, alice) = await EnrolAndRememberAsync(host, DemoUsers.Alice);
        var (_, bob) = await EnrolAndRememberAsync(host, DemoUsers.Bob);
        host.Time.Advance(TimeSpan.FromHours(1));

        switch (kind)
        {
            case "tampered":
                var token = alice.Cookie(DeviceCookie)!;
                alice.SetCookie(DeviceCookie, Tamper.FlipCharacter(token, 30));
                break;
            case "other user":
                alice.SetCookie(DeviceCookie, bob.Cookie(DeviceCookie)!);
                break;
            default:
                var users = host.Services.GetRequiredService<IUserStore>();
                var record = (await users.FindAsync("bank", "alice", default))!;
                var devices = host.Services.GetRequiredService<TrustedDeviceService>();
                Assert.Equal(1, await devices.RevokeAllAsync(null, record, "test", default));
                break;
        }

        var login = await BankFlows.SubmitLoginAsync(alice, DemoUsers.Alice.Name, DemoUsers.Alice.Password);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        alice.Dispose();
        bob.Dispose();
    }

    [Fact]
    public async Task Revoking_a_device_ends_the_session_it_opened_on_the_next_request()
    {
        await using var host = await StartAsync();
        var (_, browser) = await EnrolAndRememberAsync(host, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromDays(1));
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var record = (await host.Services.GetRequiredService<IUserStore>().FindAsync("bank", "alice", default))!;
        await host.Services.GetRequiredService<TrustedDeviceService>().RevokeAllAsync(null, record, "test", default);
        var next = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/.mfa/challenge", next.Headers.Location!.OriginalString);
        browser.Dispose();
    }

    [Fact]
    public async Task Remember_this_device_is_offered_only_where_the_policy_allows_it()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var first = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        using var browser = host.NewBrowser();

        var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        Assert.DoesNotContain("Remember this device", html);
    }

    private static Task<GatewayTestHost> StartAsync() => GatewayTestHost.StartAsync((config, _) =>
    {
        var devices = new JsonObject { ["Enabled"] = true, ["Days"] = 30 };
        config["Gateway"]!["Policies"]!["signin"]!["TrustedDevices"] = devices;
        config["Gateway"]!["Policies"]!["sensitive"]!["TrustedDevices"] = devices.DeepClone();
    });

    /// <summary>Enrols the user, signs in again with a code and ticks "remember this device".</summary>
    private static async Task<(byte[] Secret, Browser Browser)> EnrolAndRememberAsync(GatewayTestHost host, (string Name, string Password) user)
    {
        using (var enrol = host.NewBrowser())
        {
            var secret = await BankFlows.SignInAndEnrolAsync(host, enrol, user);
            host.Time.AdvanceToNextTimeStep();
            var browser = host.NewBrowser();
            var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
            Assert.Contains("Remember this device for 30 days", html);
            var verified = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())), ("RememberDevice", "true"));
            Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
            return (secret, browser);
        }
    }
}
