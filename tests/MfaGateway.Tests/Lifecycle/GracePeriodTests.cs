using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Lifecycle;

public sealed class GracePeriodTests
{
    [Fact]
    public async Task A_new_user_may_skip_enrolment_until_the_grace_period_ends_then_must_enrol()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Policies"]!["signin"]!["GracePeriod"] = "7d");

        // Day 0: first seen; the enrolment page offers to skip, and skipping reaches the app.
        using (var day0 = host.NewBrowser())
        {
            var (_, enrol) = await day0.FollowAsync(await BankFlows.SubmitLoginAsync(day0, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
            Assert.Contains("Skip for now", enrol);
            Assert.Contains("it becomes required in 7 days", enrol);
            var skipped = await day0.PostFormAsync("/.mfa/enrol?handler=Skip", HtmlPage.HiddenFields(enrol, "/.mfa/enrol?handler=Skip"));
            Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
            var (dashboard, body) = await day0.FollowAsync(skipped);
            Assert.Contains("Welcome, carol", body);

            // The skip holds for the session: protected pages pass without a challenge.
            var (transfer, _) = await day0.GetPageAsync("/transfer");
            Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
            Assert.Equal("/transfer", transfer.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // Day 6: still inside the period.
        host.Time.Advance(TimeSpan.FromDays(6));
        using (var day6 = host.NewBrowser())
        {
            var (_, enrol) = await day6.FollowAsync(await BankFlows.SubmitLoginAsync(day6, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
            Assert.Contains("it becomes required in 1 day", enrol);
        }

        // Day 8: over. No skip offered, and a forged skip is refused.
        host.Time.Advance(TimeSpan.FromDays(2));
        using var day8 = host.NewBrowser();
        var (_, late) = await day8.FollowAsync(await BankFlows.SubmitLoginAsync(day8, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        Assert.DoesNotContain("Skip for now", late);
        var forged = await day8.PostFormAsync("/.mfa/enrol?handler=Skip", HtmlPage.HiddenFields(late));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Set-up cannot be skipped", await forged.Content.ReadAsStringAsync());
        Assert.Null(day8.Cookie("DemoSession"));
    }

    [Fact]
    public async Task Without_a_grace_period_enrolment_cannot_be_skipped()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var (_, enrol) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
        var forged = await browser.PostFormAsync("/.mfa/enrol?handler=Skip", HtmlPage.HiddenFields(enrol));

        Assert.DoesNotContain("Skip for now", enrol);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(browser.Cookie("mfa-session-bank"));
    }

    [Fact]
    public async Task A_json_client_is_told_about_the_grace_period_and_can_skip_through_the_api()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Policies"]!["signin"]!["GracePeriod"] = "7d");
        using var api = host.NewBrowser();

        var required = System.Text.Json.JsonDocument.Parse(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Carol)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(required.GetProperty("enrollment_required").GetBoolean());
        Assert.Equal("/.mfa/api/skip", required.GetProperty("skip_url").GetString());
        var endsIn = required.GetProperty("grace_period_ends_at").GetDateTimeOffset() - host.Time.GetUtcNow();
        Assert.InRange(endsIn, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(5), TimeSpan.FromDays(7));

        var skipped = await api.Http.PostAsync("/.mfa/api/skip", new StringContent($$"""{"mfa_token":"{{required.GetProperty("mfa_token").GetString()}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = System.Text.Json.JsonDocument.Parse(await skipped.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Equal("skipped", body.GetProperty("status").GetString());
        Assert.NotNull(api.Cookie("DemoSession"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/account")).StatusCode);
    }
}
