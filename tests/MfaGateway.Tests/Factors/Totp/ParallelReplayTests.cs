using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Factors.Totp;

/// <summary>One code sent at once to many challenges of its user: the time step is spent once.</summary>
public sealed class ParallelReplayTests
{
    /// <summary>As many challenges as one user may have pending; a further one would replace the oldest.</summary>
    private const int Submissions = MfaGateway.Challenges.ChallengeStore.MaxPendingPerUser;

    [Fact]
    public async Task Of_parallel_submissions_of_one_code_exactly_one_is_accepted()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WithoutUserAndClientLimits(config));
        using var enrolment = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrolment, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        // Each submission answers a challenge of its own, so only the factor's time step can refuse it.
        var tokens = new List<string>();
        for (var i = 0; i < Submissions; i++)
        {
            using var api = host.NewBrowser();
            tokens.Add(ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync()));
        }

        var code = BankFlows.CodeAt(secret, host.Time.GetUtcNow());
        using var client = host.NewBrowser();
        var answers = await Task.WhenAll(tokens.Select(token => client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code })));
        var bodies = await Task.WhenAll(answers.Select(answer => answer.Content.ReadAsStringAsync()));

        var outcomes = answers.Zip(bodies, (answer, body) => $"{(int)answer.StatusCode} {body}").ToList();
        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.True(
            outcomes.Count(outcome => outcome.StartsWith("400 ", StringComparison.Ordinal) && outcome.Contains("already been used", StringComparison.Ordinal)) == Submissions - 1,
            string.Join('\n', outcomes));
    }

    private static void WithoutUserAndClientLimits(JsonObject config)
    {
        JsonObject Off() => new() { ["MaxFailures"] = 0, ["Window"] = "15m", ["BanTime"] = "15m" };
        config["Gateway"]!["Challenge"] = new JsonObject { ["MaxFailures"] = 5, ["MaxConsecutiveUserFailures"] = 100 };
        config["Gateway"]!["Regulation"] = new JsonObject { ["User"] = Off(), ["Client"] = Off() };
    }
}
