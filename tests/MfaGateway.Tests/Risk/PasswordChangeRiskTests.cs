using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Administration;
using MfaGateway.Audit;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Risk;

/// <summary>
/// The demo bank's own password-change page, watched by the gateway. Sign-in stays Required; money
/// moves are under a RiskBased policy that only cares about a recent password change.
/// </summary>
public sealed class PasswordChangeRiskTests
{
    private const string NewPassword = "alice-new-password-9";

    [Fact]
    public async Task After_a_password_change_through_the_apps_own_page_the_next_sensitive_request_is_challenged()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();
        var secret = await SignInAndEnrolAsync(host, browser);

        // Before the change, the MFA'd session satisfies the RiskBased policy: the transfer goes through.
        await AssertTransferredAsync(browser);

        // Beyond Gateway:SelfService:MaxAge: a changer with a fresh MFA would carry on unchallenged.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var changed = await ChangePasswordAsync(browser, DemoUsers.Alice.Password, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/password?changed=1", changed.Headers.Location!.OriginalString);

        var transfer = await TransferAsync(browser);
        Assert.Equal(HttpStatusCode.SeeOther, transfer.StatusCode);
        Assert.Equal("/.mfa/challenge", transfer.Headers.Location!.OriginalString);
        var (_, challenge) = await browser.FollowAsync(transfer);
        Assert.Contains("Your password was changed recently.", WebUtility.HtmlDecode(challenge));

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        await AssertTransferredAsync(browser); // MFA since the change: quiet again

        var types = await AuditTypesAsync(host);
        Assert.Contains("password.changed", types);
        Assert.Equal("challenged", (await RiskFlows.RiskEventsAsync(host, "alice"))[^1].Outcome);
    }

    [Fact]
    public async Task A_rejected_password_change_is_not_a_change()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();
        await SignInAndEnrolAsync(host, browser);

        var rejected = await ChangePasswordAsync(browser, "not-the-password", NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        await AssertTransferredAsync(browser);
        Assert.DoesNotContain("password.changed", await AuditTypesAsync(host));
        Assert.Null((await host.Services.GetRequiredService<IUserStore>().FindAsync("bank", "alice", default))!.PasswordChangedAt);
    }

    [Fact]
    public async Task A_watched_password_change_survives_a_restart_and_ends_after_the_window()
    {
        // Sign-in under the same policy, so a sign-in after the restart shows whether the change is still known.
        await using var host = await StartAsync(signInToo: true);
        using var browser = host.NewBrowser();
        await SignInAndEnrolAsync(host, browser);
        await ChangePasswordAsync(browser, DemoUsers.Alice.Password, NewPassword);

        await host.RestartGatewayAsync();
        using var afterRestart = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(afterRestart, DemoUsers.Alice.Name, NewPassword);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Contains("Your password was changed recently.", WebUtility.HtmlDecode((await afterRestart.FollowAsync(login)).Body));

        host.Time.Advance(TimeSpan.FromHours(25)); // beyond the default 24 h window
        using var later = host.NewBrowser();
        var quiet = await BankFlows.SubmitLoginAsync(later, DemoUsers.Alice.Name, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, quiet.StatusCode);
        Assert.Equal("/", quiet.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_password_change_reported_through_the_admin_api_has_the_same_effect()
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();
        await SignInAndEnrolAsync(host, browser);
        await AssertTransferredAsync(browser);

        var result = await host.Services.GetRequiredService<UserAdministration>()
            .PasswordChangedAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), "changed in the HR system", default);

        Assert.NotNull(result);

        // Every session of the user ends, and the app session behind it must sign in again.
        var transfer = await browser.GetAsync("/transfer");
        Assert.Equal(HttpStatusCode.Redirect, transfer.StatusCode);
        Assert.Equal("/login", transfer.Headers.Location!.OriginalString);
        Assert.Contains("admin.password_changed", await AuditTypesAsync(host));
        Assert.Contains("sessions.ended", await AuditTypesAsync(host));
    }

    private static Task<GatewayTestHost> StartAsync(bool signInToo = false) =>
        GatewayTestHost.StartAsync((config, _) =>
        {
            var gateway = config["Gateway"]!.AsObject();
            gateway["Session"] = new JsonObject { ["Lifetime"] = "48h" };
            if (signInToo)
            {
                gateway["DefaultPolicy"] = "sensitive";
            }

            gateway["Policies"]!["sensitive"] = new JsonObject
            {
                ["Level"] = "RiskBased",
                ["Factors"] = new JsonArray("totp"),
                ["Risk"] = new JsonObject
                {
                    ["NewDevice"] = "Off",
                    ["NewLocation"] = "Off",
                    ["ImpossibleTravel"] = "Off",
                    ["SuspiciousIp"] = "Off",
                    ["AfterPasswordChange"] = "Challenge",
                },
            };
            gateway["Apps"]!["bank"]!["PasswordChange"] = new JsonObject
            {
                ["Path"] = "/account/password",
                ["SuccessStatus"] = new JsonArray(302),
            };
        });

    private static async Task<byte[]> SignInAndEnrolAsync(GatewayTestHost host, Browser browser)
    {
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        await browser.GetPageAsync(enrolled.ContinueUrl);
        return enrolled.Secret;
    }

    private static async Task AssertTransferredAsync(Browser browser)
    {
        var transfer = await TransferAsync(browser);
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Contains("Transferred", await transfer.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> TransferAsync(Browser browser)
    {
        var (_, form) = await browser.GetPageAsync("/transfer");
        return await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "1.00"));
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(Browser browser, string current, string next)
    {
        var (_, form) = await browser.GetPageAsync("/account/password");
        return await browser.SubmitAsync("/account/password", form, ("currentPassword", current), ("newPassword", next), ("confirmPassword", next));
    }

    private static async Task<IReadOnlyList<string>> AuditTypesAsync(GatewayTestHost host) =>
        [.. (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(User: "alice", PageSize: 200), default)).Events.Select(e => e.Type)];
}
