using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Regulation;

/// <summary>30 wrong codes sent at once never buy more checks than the limit they run into.</summary>
public sealed class ParallelBurstTests
{
    private const int Burst = 30;

    [Theory]
    [InlineData("challenge", 5)]
    [InlineData("user ban", 10)]
    [InlineData("client ban", 10)]
    [InlineData("hard lock", 12)]
    public async Task Thirty_parallel_wrong_codes_are_checked_at_most_limit_times(string limit, int max)
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => Limit(config, limit, max), CountingFactor.Register);
        using var enrolment = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrolment, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        // One challenge when its own limit is tested; otherwise two, each allowing 20 answers, so only
        // the user's or the address's limit can stop the burst.
        var tokens = new List<string>();
        for (var i = 0; i < (limit == "challenge" ? 1 : 2); i++)
        {
            using var api = host.NewBrowser();
            tokens.Add(ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync()));
        }

        var wrong = BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow());
        var counter = host.Services.GetRequiredService<CountingFactor>();
        var before = counter.Checks;
        using var client = host.NewBrowser();
        var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(n =>
            client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = tokens[n % tokens.Count], code = wrong })));

        Assert.All(answers, answer => Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode));
        Assert.All(answers, answer => Assert.True((int)answer.StatusCode < 500, $"answered {(int)answer.StatusCode}"));
        Assert.Equal(max, counter.Checks - before);
    }

    private static void Limit(JsonObject config, string limit, int max)
    {
        JsonObject Regulation(int failures) => new() { ["MaxFailures"] = failures, ["Window"] = "15m", ["BanTime"] = "15m" };
        config["Gateway"]!["Challenge"] = new JsonObject
        {
            ["MaxFailures"] = limit == "challenge" ? max : 20,
            ["MaxConsecutiveUserFailures"] = limit == "hard lock" ? max : 100,
        };
        config["Gateway"]!["Regulation"] = new JsonObject
        {
            ["User"] = Regulation(limit == "user ban" ? max : 0),
            ["Client"] = Regulation(limit == "client ban" ? max : 0),
        };
    }
}
