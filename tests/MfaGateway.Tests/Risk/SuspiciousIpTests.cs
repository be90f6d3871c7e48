using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk.Geo;
using MfaGateway.Tests.Risk.Reputation;

namespace MfaGateway.Tests.Risk;

/// <summary>The suspicious-address trigger end to end: a Tor exit list on disk, and a reputation provider on loopback.</summary>
public sealed class SuspiciousIpTests
{
    /// <summary>A public address outside every network the GeoLite2 tests use, listed as a Tor exit below.</summary>
    private const string TorExit = "185.220.101.7";

    private const string TorExitList = """
        ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E
        Published 2026-11-21 18:02:31
        LastStatus 2026-11-21 19:00:00
        ExitAddress 185.220.101.7 2026-11-21 19:11:42
        """;

    [Fact]
    public async Task An_address_on_a_block_list_is_challenged()
    {
        using var lists = new TempDirectory();
        await using var host = await StartWithListAsync(lists, "Challenge");
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
        await browser.GetAsync("/logout");
        browser.ComeFrom(TorExit);
        var (page, _) = await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);

        Assert.Contains("Your connection comes from a network we treat as risky", page);
        var assessed = (await RiskFlows.RiskEventsAsync(host, "alice"))[^1];
        Assert.Equal("SuspiciousIp", assessed.Detail["fired"]);
        Assert.Equal("listed in tor-exits", assessed.Detail["reasons"]);
    }

    [Fact]
    public async Task An_address_on_a_block_list_is_denied_where_the_policy_says_so()
    {
        using var lists = new TempDirectory();
        await using var host = await StartWithListAsync(lists, "Deny");
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        browser.ComeFrom(TorExit);
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Null(browser.Cookie("DemoSession"));
        Assert.Equal("denied", (await RiskFlows.RiskEventsAsync(host, "alice"))[^1].Outcome);
    }

    [Fact]
    public async Task An_address_in_a_listed_hosting_network_is_challenged_with_only_an_asn_database_configured()
    {
        // A writer-built ASN database (no GeoLite2-ASN file can be fetched here). Public networks, because documentation
        // ranges are never located; the AS numbers are from the range reserved for documentation (RFC 5398).
        var databases = new GeoTestDatabases();
        var asnFile = databases.Write("asn.mmdb", GeoTestDatabases.Asn(("45.33.0.0/16", 64500, "Example Hosting"), ("81.2.69.0/24", 64501, "Example Home ISP")));
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["SuspiciousIp"] = "Challenge" }, gateway =>
        {
            gateway["GeoIp"] = new JsonObject { ["AsnDatabase"] = asnFile };
            gateway["IpReputation"] = new JsonObject { ["DatacenterAsns"] = new JsonArray("AS64500") };
        });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, "81.2.69.142", DemoUsers.Alice);

        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice); // a home network
        await browser.GetAsync("/logout");
        browser.ComeFrom("45.33.10.20");
        await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);

        Assert.Equal("hosting network AS64500", (await RiskFlows.RiskEventsAsync(host, "alice"))[^1].Detail["reasons"]);
    }

    [Fact]
    public async Task An_address_the_Anonymous_IP_database_flags_is_challenged_and_the_page_names_the_flag()
    {
        var databases = new GeoTestDatabases();
        var anonymous = databases.Write("anonymous.mmdb", GeoTestDatabases.AnonymousIp(("185.220.101.0/24", ["is_tor_exit_node"]), ("45.33.0.0/16", ["is_anonymous_vpn"])));
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["SuspiciousIp"] = "Challenge" }, gateway =>
            gateway["IpReputation"] = new JsonObject
            {
                ["AnonymousIp"] = new JsonObject { ["Database"] = anonymous, ["Flags"] = new JsonArray("TorExitNode") },
            });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);

        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
        await browser.GetAsync("/logout");
        browser.ComeFrom("45.33.10.20"); // a VPN, which this operator does not count
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
        await browser.GetAsync("/logout");
        browser.ComeFrom(TorExit);
        var (page, _) = await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);

        Assert.Contains("Your connection comes through a Tor exit node, which we treat as risky.", page);
        var assessed = (await RiskFlows.RiskEventsAsync(host, "alice"))[^1];
        Assert.Equal("SuspiciousIp", assessed.Detail["fired"]);
        Assert.Equal("Anonymous-IP: Tor exit node", assessed.Detail["reasons"]);
    }

    [Theory]
    [InlineData("Closed", true)]
    [InlineData("Open", false)]
    public async Task A_reputation_provider_that_times_out_follows_the_configured_failure_mode(string mode, bool challenged)
    {
        await using var provider = await ReputationTestServer.StartAsync();
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["SuspiciousIp"] = "Challenge" }, gateway =>
            gateway["IpReputation"] = new JsonObject
            {
                ["Provider"] = new JsonObject
                {
                    ["Url"] = provider.UrlTemplate,
                    ["Field"] = "score",
                    ["Threshold"] = "50",
                    ["Timeout"] = "2s",
                    ["FailureMode"] = mode,
                },
            });
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        provider.HoldAnswers = true;

        browser.ComeFrom(GeoTestData.NewYork);
        var login = BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.True(await provider.Arrived.WaitAsync(TimeSpan.FromSeconds(30)), "the provider was never asked");
        host.Time.Advance(TimeSpan.FromSeconds(3)); // past the 2 s timeout, on the gateway's clock

        var answer = await login;
        provider.Gate.Release();
        Assert.Equal(challenged ? HttpStatusCode.SeeOther : HttpStatusCode.Redirect, answer.StatusCode);
        var assessed = (await RiskFlows.RiskEventsAsync(host, "alice"))[^1];
        Assert.Equal(challenged ? "reputation provider unavailable (fail closed)" : string.Empty, assessed.Detail["reasons"]);
    }

    private static Task<GatewayTestHost> StartWithListAsync(TempDirectory lists, string action)
    {
        var path = lists.Write("tor-exits.txt", TorExitList);
        return RiskFlows.StartAsync(new JsonObject { ["SuspiciousIp"] = action }, gateway =>
            gateway["IpReputation"] = new JsonObject
            {
                ["BlockLists"] = new JsonArray(new JsonObject { ["Name"] = "tor-exits", ["Path"] = path, ["Format"] = "TorExitList" }),
            });
    }
}
