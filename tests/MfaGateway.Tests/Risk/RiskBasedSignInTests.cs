using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Administration;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Risk;

/// <summary>End to end through the gateway: client addresses arrive as X-Forwarded-For from a trusted proxy (loopback).</summary>
public sealed class RiskBasedSignInTests
{
    [Fact]
    public async Task A_new_device_is_challenged_and_the_same_device_next_time_is_not()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice);

        using var phone = host.NewBrowser();
        phone.ComeFrom(GeoTestData.Lisbon);
        var (page, html) = await RiskFlows.SignInChallengedAsync(phone, DemoUsers.Alice);
        Assert.Contains("Why we're asking", page);
        Assert.Contains("We don't recognise this device.", page);

        host.Time.Advance(TimeSpan.FromMinutes(1)); // a new code: the enrolment's was used and codes are single-use
        var passed = await RiskFlows.AnswerAsync(host, phone, html, secret);
        Assert.True(Browser.IsRedirect(passed.StatusCode), $"expected to pass, got {passed.StatusCode}");
        await phone.GetAsync("/logout");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await RiskFlows.SignInUnchallengedAsync(phone, DemoUsers.Alice);

        var events = await RiskFlows.RiskEventsAsync(host, "alice");
        Assert.Equal(["success", "challenged", "success"], events.Select(e => e.Outcome));
        Assert.Equal("NewDevice", events[1].Detail["fired"]);
        Assert.Equal("no device cookie", events[1].Detail["reasons"]);
        Assert.Equal("Lisbon, Portugal", events[1].Detail["place"]);
    }

    [Fact]
    public async Task The_admin_status_lists_the_known_devices_and_places_a_passed_mfa_made_known()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        var status = await host.Services.GetRequiredService<UserAdministration>().GetStatusAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), default);

        var device = Assert.Single(status!.KnownDevices);
        Assert.Equal(("Firefox on Linux", "194.65.0.1", "Lisbon, Portugal"), (device.Browser, device.LastIp, device.LastPlace));
        var place = Assert.Single(status.KnownPlaces);
        Assert.Equal(("PT", "Lisbon"), (place.Country, place.City));
    }

    [Fact]
    public async Task An_api_client_is_told_why_in_risk_reasons()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge", ["NewLocation"] = "Challenge" });
        await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var script = host.NewBrowser();
        script.ComeFrom(GeoTestData.Tokyo);

        var login = await ApiFlows.SubmitLoginAsApiAsync(script, DemoUsers.Alice);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ErrorCodes.MfaRequired, body.GetProperty("error").GetString());
        Assert.Equal(
            ["We don't recognise this device.", "Sign-in from Japan, which is new for you."],
            body.GetProperty("risk_reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_quiet_check_that_ignores_places_does_not_make_a_new_place_known()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        browser.ComeFrom(GeoTestData.Tokyo);
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice); // known device; places are not this policy's concern

        var status = await host.Services.GetRequiredService<UserAdministration>().GetStatusAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), default);
        Assert.Equal(["PT"], status!.KnownPlaces.Select(p => p.Country));
    }

    [Fact]
    public async Task A_forged_device_cookie_counts_as_a_new_device()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        var (laptop, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        var token = laptop.Cookie("mfa-did")!;

        using var other = host.NewBrowser();
        other.ComeFrom(GeoTestData.Lisbon);
        other.SetCookie("mfa-did", Tamper.FlipCharacter(token, 20));
        var (page, _) = await RiskFlows.SignInChallengedAsync(other, DemoUsers.Alice);
        Assert.Contains("We don't recognise this device.", page);

        // The genuine cookie, copied to another browser, is the same device: the cookie is what a device is.
        using var copy = host.NewBrowser();
        copy.ComeFrom(GeoTestData.Lisbon);
        copy.SetCookie("mfa-did", token);
        await RiskFlows.SignInUnchallengedAsync(copy, DemoUsers.Alice);
    }

    [Fact]
    public async Task A_new_country_is_challenged_and_a_known_one_is_not()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewLocation"] = "Challenge" });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        browser.ComeFrom(GeoTestData.Portugal); // another Portuguese address: same country
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
        await browser.GetAsync("/logout");

        browser.ComeFrom(GeoTestData.Tokyo);
        var (page, _) = await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);
        Assert.Contains("Sign-in from Japan, which is new for you.", page);
        Assert.Equal("country JP not among PT", (await RiskFlows.RiskEventsAsync(host, "alice"))[^1].Detail["reasons"]);
    }

    [Fact]
    public async Task Two_sign_ins_5000_km_apart_10_minutes_apart_are_impossible_travel_and_10_hours_apart_are_not()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["ImpossibleTravel"] = "Challenge" });
        var (browser, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        host.Time.Advance(TimeSpan.FromMinutes(10));
        browser.ComeFrom(GeoTestData.NewYork);
        var (page, html) = await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);
        Assert.Contains("You last verified from Lisbon, Portugal 10 minutes ago; New York, United States is at least 5,", page);
        var reasons = (await RiskFlows.RiskEventsAsync(host, "alice"))[^1].Detail["reasons"];
        Assert.Matches(@"^5\d{3} km in 10 min from Lisbon, Portugal: \d+ km/h > 1000 km/h$", reasons);
        Assert.Equal("5415 km in 10 min from Lisbon, Portugal: 32488 km/h > 1000 km/h", reasons); // the README's example
        Assert.Contains("New York, United States is at least 5,415 km away.", page);

        // Passing MFA in New York makes it the new starting point; 10 hours later Lisbon is a plausible flight.
        Assert.True(Browser.IsRedirect((await RiskFlows.AnswerAsync(host, browser, html, secret)).StatusCode));
        await browser.GetAsync("/logout");
        host.Time.Advance(TimeSpan.FromHours(10));
        browser.ComeFrom(GeoTestData.Lisbon);
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
    }

    [Fact]
    public async Task A_session_a_quiet_check_let_in_is_not_re_evaluated_on_later_requests()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewLocation"] = "Challenge", ["NewDevice"] = "Challenge" });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
        var before = (await RiskFlows.RiskEventsAsync(host, "alice")).Count;

        browser.ComeFrom(GeoTestData.Tokyo);
        var (dashboard, body) = await browser.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Welcome, alice", body);
        Assert.Equal(before, (await RiskFlows.RiskEventsAsync(host, "alice")).Count);
    }

    [Fact]
    public async Task A_trigger_set_to_deny_refuses_the_sign_in_and_keeps_the_app_session_from_the_browser()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewLocation"] = "Deny" });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        browser.ComeFrom(GeoTestData.Tokyo);
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Contains("Sign-in from Japan, which is new for you.", WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync()));
        Assert.Null(browser.Cookie("DemoSession"));
        Assert.Equal("denied", (await RiskFlows.RiskEventsAsync(host, "alice"))[^1].Outcome);
    }

    [Fact]
    public async Task An_unenrolled_user_under_a_risk_based_policy_enrols_first()
    {
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" });
        using var browser = host.NewBrowser();
        browser.ComeFrom(GeoTestData.Lisbon);

        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password);
        var (page, _) = await browser.FollowAsync(login);

        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Empty(await RiskFlows.RiskEventsAsync(host, "carol"));
    }
}
