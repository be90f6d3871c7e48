using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Lifecycle;

public sealed class RegulationTests
{
    [Fact]
    public async Task The_user_is_banned_after_n_failures_with_retry_after_and_even_the_right_code_is_refused_until_it_ends()
    {
        await using var host = await StartAsync(userFailures: 3, clientFailures: 0);
        var secret = await EnrolAsync(host, DemoUsers.Alice);

        using var browser = host.NewBrowser();
        var (_, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        HttpResponseMessage response = null!;
        for (var i = 0; i < 3; i++)
        {
            response = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())));
            page = await response.Content.ReadAsStringAsync();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), response.Headers.RetryAfter!.Delta);
        Assert.Contains("Try again in 15 minutes", page);

        // Within the challenge's 5-minute life, the right code is refused while the ban lasts.
        host.Time.Advance(TimeSpan.FromMinutes(4));
        using var api = host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync());
        host.Time.AdvanceToNextTimeStep();
        var right = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter!.Delta <= TimeSpan.FromMinutes(11));
        var (shown, shownPage) = await browser.GetPageAsync("/.mfa/challenge");
        Assert.Equal(HttpStatusCode.TooManyRequests, shown.StatusCode);
        Assert.Contains("Try again in", shownPage);
        Assert.Null(browser.Cookie("mfa-session-bank"));

        host.Time.Advance(TimeSpan.FromMinutes(11));
        host.Time.AdvanceToNextTimeStep();
        using var later = host.NewBrowser();
        var (_, fresh) = await later.FollowAsync(await BankFlows.SubmitLoginAsync(later, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var passed = await later.SubmitAsync("/.mfa/challenge", fresh, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
    }

    [Fact]
    public async Task A_ban_and_the_consecutive_failure_count_survive_a_gateway_restart()
    {
        await using var host = await StartAsync(userFailures: 3, clientFailures: 0, maxConsecutive: 5);
        var secret = await EnrolAsync(host, DemoUsers.Alice);
        await FailAsync(host, DemoUsers.Alice, 3, secret); // banned, 3 consecutive

        await host.RestartGatewayAsync();

        using var afterRestart = host.NewBrowser();
        var (banned, bannedPage) = await afterRestart.FollowAsync(await BankFlows.SubmitLoginAsync(afterRestart, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);
        Assert.Contains("Too many attempts", bannedPage);

        // After the ban the consecutive count continues from 3: two more wrong codes lock the user.
        host.Time.Advance(TimeSpan.FromMinutes(16));
        await FailAsync(host, DemoUsers.Alice, 1, secret);
        await host.RestartGatewayAsync();
        var (status, body) = await FailAsync(host, DemoUsers.Alice, 1, secret);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Verification locked", body);
    }

    [Fact]
    public async Task A_success_resets_the_users_failure_count()
    {
        await using var host = await StartAsync(userFailures: 3, clientFailures: 0);
        var secret = await EnrolAsync(host, DemoUsers.Alice);
        await FailAsync(host, DemoUsers.Alice, 2, secret);

        host.Time.AdvanceToNextTimeStep();
        using (var browser = host.NewBrowser())
        {
            var (dashboard, _) = await BankFlows.SignInWithCodeAsync(host, browser, DemoUsers.Alice, secret);
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }

        // Two more failures would have banned without the reset; they do not now.
        var (status, _) = await FailAsync(host, DemoUsers.Alice, 2, secret);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_client_address_with_too_many_failures_is_banned_for_every_user()
    {
        await using var host = await StartAsync(userFailures: 0, clientFailures: 4);
        var secret = await EnrolAsync(host, DemoUsers.Alice);
        var bobSecret = await EnrolAsync(host, DemoUsers.Bob);

        await FailAsync(host, DemoUsers.Alice, 2, secret);
        var (status, _) = await FailAsync(host, DemoUsers.Bob, 2, bobSecret);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        // Bob's next challenge page says so, and his right code is refused from this address.
        host.Time.AdvanceToNextTimeStep();
        using var browser = host.NewBrowser();
        var (page, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many attempts", html);
        using var api = host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Bob)).Content.ReadAsStringAsync());
        var right = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(bobSecret, host.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task Api_clients_get_429_too_many_attempts_with_retry_after()
    {
        await using var host = await StartAsync(userFailures: 2, clientFailures: 0);
        var secret = await EnrolAsync(host, DemoUsers.Alice);
        using var api = host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync());

        await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });
        var banned = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);
        Assert.Equal(ErrorCodes.TooManyAttempts, (await banned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(TimeSpan.FromMinutes(15), banned.Headers.RetryAfter!.Delta);
    }

    private static Task<GatewayTestHost> StartAsync(int userFailures, int clientFailures, int maxConsecutive = 100) => GatewayTestHost.StartAsync((config, _) =>
    {
        config["Gateway"]!["Regulation"] = new JsonObject
        {
            ["User"] = new JsonObject { ["MaxFailures"] = userFailures, ["Window"] = "15m", ["BanTime"] = "15m" },
            ["Client"] = new JsonObject { ["MaxFailures"] = clientFailures, ["Window"] = "15m", ["BanTime"] = "15m" },
        };
        config["Gateway"]!["Challenge"] = new JsonObject { ["MaxConsecutiveUserFailures"] = maxConsecutive };
    });

    private static async Task<byte[]> EnrolAsync(GatewayTestHost host, (string Name, string Password) user)
    {
        using var browser = host.NewBrowser();
        return await BankFlows.SignInAndEnrolAsync(host, browser, user);
    }

    /// <summary>Signs in and submits <paramref name="count"/> codes wrong for <paramref name="secret"/>; returns the last answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> FailAsync(GatewayTestHost host, (string Name, string Password) user, int count, byte[] secret)
    {
        using var browser = host.NewBrowser();
        var (_, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var status = HttpStatusCode.OK;
        for (var i = 0; i < count; i++)
        {
            var response = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())));
            status = response.StatusCode;
            page = await response.Content.ReadAsStringAsync();
        }

        return (status, page);
    }
}
