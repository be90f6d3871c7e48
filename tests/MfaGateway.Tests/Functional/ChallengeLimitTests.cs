using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class ChallengeLimitTests
{
    [Fact]
    public async Task A_code_is_accepted_once_and_its_reuse_is_rejected()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var first = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);

        // Same time step as the enrolment: the code that proved enrolment cannot be replayed.
        using var second = host.NewBrowser();
        var (_, challenge) = await second.FollowAsync(await BankFlows.SubmitLoginAsync(second, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var replay = await second.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        var replayBody = await replay.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("already been used", replayBody);
        Assert.Null(second.Cookie("DemoSession"));

        // The next time step's code works, once.
        host.Time.AdvanceToNextTimeStep();
        var code = BankFlows.CodeAt(secret, host.Time.GetUtcNow());
        var passed = await second.SubmitAsync("/.mfa/challenge", replayBody, ("Code", code));
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);

        using var third = host.NewBrowser();
        var (_, again) = await third.FollowAsync(await BankFlows.SubmitLoginAsync(third, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var reused = await third.SubmitAsync("/.mfa/challenge", again, ("Code", code));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("already been used", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_from_the_window_edges_passes_and_one_step_further_fails()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        host.Time.AdvanceToNextTimeStep();

        async Task<HttpStatusCode> TryAsync(int offset)
        {
            using var client = host.NewBrowser();
            var (_, page) = await client.FollowAsync(await BankFlows.SubmitLoginAsync(client, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
            var response = await client.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow(), offset)));
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await TryAsync(+2));
        Assert.Equal(HttpStatusCode.BadRequest, await TryAsync(-2));
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(-1));
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(0));
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(+1));
    }

    [Fact]
    public async Task Fifth_wrong_code_kills_the_challenge_and_a_sixth_attempt_is_refused_even_with_the_right_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var first = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        using var browser = host.NewBrowser();
        var (_, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())));
            page = await wrong.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains($"{5 - attempt} attempt", page);
        }

        var fifth = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())));
        Assert.Contains("Too many incorrect codes", await fifth.Content.ReadAsStringAsync());

        var sixth = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        Assert.Contains("This verification has expired", await sixth.Content.ReadAsStringAsync());
        Assert.Null(browser.Cookie("DemoSession"));
        Assert.Null(browser.Cookie("mfa-session-bank"));
    }

    [Fact]
    public async Task Consecutive_failures_per_user_survive_new_challenges_and_lock_verification()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Challenge"] = new System.Text.Json.Nodes.JsonObject { ["MaxFailures"] = 5, ["MaxConsecutiveUserFailures"] = 7 });
        using var first = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        async Task<(HttpResponseMessage Response, string Body)> WrongCodesAsync(int count)
        {
            using var browser = host.NewBrowser();
            var (_, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
            HttpResponseMessage response = null!;
            for (var i = 0; i < count; i++)
            {
                response = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())));
                page = await response.Content.ReadAsStringAsync();
            }

            return (response, page);
        }

        await WrongCodesAsync(5); // first challenge dies: 5 consecutive failures
        var (locked, lockedBody) = await WrongCodesAsync(2); // a new challenge does not reset the count: 7
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Contains("Verification locked", lockedBody);

        // Even the right code is refused now, on a brand-new challenge.
        using var browser = host.NewBrowser();
        var (challengePage, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Contains("Verification locked", html);
        var refused = await browser.PostFormAsync("/.mfa/challenge", [.. HtmlPage.HiddenFields(html), new("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow()))]);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Null(browser.Cookie("mfa-session-bank"));
        Assert.Equal(HttpStatusCode.Forbidden, challengePage.StatusCode);
    }

    [Fact]
    public async Task Two_parallel_submissions_of_one_code_let_exactly_one_through()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var enrol = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrol, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        // Two independent sign-ins, each with its own challenge, answered with the same code at once.
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var api = host.NewBrowser();
            var login = await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice);
            tokens.Add(ApiFlows.MfaToken(await login.Content.ReadAsStringAsync()));
        }

        var code = BankFlows.CodeAt(secret, host.Time.GetUtcNow());
        using var client = host.NewBrowser();
        var results = await Task.WhenAll(tokens.Select(token =>
            client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code })));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(results, r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, loser.StatusCode);
        Assert.Equal(ErrorCodes.InvalidGrant, JsonDocument.Parse(await loser.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
