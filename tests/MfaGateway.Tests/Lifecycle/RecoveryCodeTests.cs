using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Lifecycle;

public sealed class RecoveryCodeTests
{
    [Fact]
    public async Task A_recovery_code_passes_a_challenge_once_and_shows_the_new_remaining_count()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var first = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, first, DemoUsers.Alice);
        var code = enrolled.RecoveryCodes[3];

        using var lostPhone = host.NewBrowser();
        var (page, body) = await RecoveryChallengeAsync(lostPhone, code);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Signed in with a recovery code", body);
        Assert.Contains("You have 9 recovery codes left.", body);
        var (dashboard, html) = await lostPhone.GetPageAsync(BankFlows.ContinueLink(body));
        Assert.Contains("Welcome, alice", html);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // The same code a second time, typed differently, is refused.
        using var again = host.NewBrowser();
        var (refused, refusedBody) = await RecoveryChallengeAsync(again, code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("That code is not correct", refusedBody);
        Assert.Null(again.Cookie("mfa-session-bank"));
    }

    [Fact]
    public async Task Users_are_warned_when_two_or_fewer_codes_are_left()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Policies"]!["signin"]!["RecoveryCodes"] = 3);
        using var first = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, first, DemoUsers.Alice);
        Assert.Equal(3, enrolled.RecoveryCodes.Count);

        using var browser = host.NewBrowser();
        var (_, body) = await RecoveryChallengeAsync(browser, enrolled.RecoveryCodes[0]);

        Assert.Contains("You have 2 recovery codes left.", body);
        Assert.Contains("role=\"alert\"", body);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_only_as_salted_hashes()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        SqliteConnection.ClearAllPools();

        var stored = await ReadAllAsync(host.DatabasePath);

        foreach (var code in enrolled.RecoveryCodes)
        {
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(code)));
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(code.Replace("-", string.Empty, StringComparison.Ordinal))));
        }

        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT salt), MIN(length(code_hash)) FROM recovery_codes";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(10, reader.GetInt32(0));
        Assert.Equal(1, reader.GetInt32(1));
        Assert.Equal(32, reader.GetInt32(2));
    }

    [Fact]
    public async Task A_json_client_gets_its_recovery_codes_once_with_the_first_enrolment_and_can_answer_with_one()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var api = host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync());
        var enrolment = JsonNode.Parse(await (await api.Http.PostAsync("/.mfa/api/enrol/totp", Json(new JsonObject { ["mfa_token"] = token }))).Content.ReadAsStringAsync())!;
        var secret = TotpSecrets.Decode(enrolment["secret"]!.GetValue<string>());
        var verified = JsonNode.Parse(await (await api.Http.PostAsync("/.mfa/api/verify", Json(new JsonObject { ["mfa_token"] = token, ["code"] = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) }))).Content.ReadAsStringAsync())!;
        var codes = verified["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Count);

        using var again = host.NewBrowser();
        var second = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(again, DemoUsers.Alice)).Content.ReadAsStringAsync());
        var answered = await again.Http.PostAsync("/.mfa/api/verify", Json(new JsonObject { ["mfa_token"] = second, ["factor"] = "recovery", ["code"] = codes[0] }));
        var answer = JsonNode.Parse(await answered.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(9, answer["recovery_codes_left"]!.GetValue<int>());
        Assert.Null(answer["recovery_codes"]);
    }

    /// <summary>Signs in as alice and answers the challenge with a recovery code.</summary>
    private static async Task<(HttpResponseMessage Response, string Body)> RecoveryChallengeAsync(Browser browser, string code)
    {
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var (page, html) = await browser.GetPageAsync("/.mfa/challenge?method=recovery");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Recovery code", html);
        var response = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", code));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<byte[]> ReadAllAsync(string databasePath)
    {
        var bytes = new List<byte>();
        foreach (var path in new[] { databasePath, databasePath + "-wal" }.Where(File.Exists))
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }
}
