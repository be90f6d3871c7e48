using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Configuration;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Configuration;

/// <summary>
/// A changed config file is used only when it is valid; otherwise the previous configuration stays
/// in force and the reload reports every error.
/// </summary>
public sealed class ConfigReloadTests
{
    [Fact]
    public async Task Reload_naming_an_unknown_policy_is_rejected_and_old_policies_stay_in_force()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var reload = await host.RewriteConfigAsync(config =>
        {
            var rules = Rules(config);
            rules[0]!["Policy"] = "no-such-policy";
            rules[2]!["Policy"] = "public"; // would open the admin area, if it were applied
        });

        Assert.False(reload.Accepted);
        Assert.Equal(host.ConfigPath, reload.Path);
        var error = Assert.Single(reload.Errors);
        Assert.Equal("Gateway:Rules:0:Policy", error.Key);

        // The key is the index the operator edits; the message names the rule, to find it in a long list.
        Assert.Equal("Gateway:Rules:0:Policy: unknown policy 'no-such-policy' (defined: blocked, optional, public, sensitive, signin) (rule 'static and health')", error.Text);
        Assert.False(host.Monitor.LastFileReload!.Accepted);
        await AssertOldPoliciesInForceAsync(host, browser);
    }

    [Fact]
    public async Task Reload_with_several_mistakes_lists_them_all()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var reload = await host.RewriteConfigAsync(config =>
        {
            var gateway = config["Gateway"]!;
            Rules(config)[0]!["Policy"] = "no-such-policy";
            gateway["Policies"]!["sensitive"]!["MaxAge"] = "5 minutes";
            gateway["TrustedProxies"] = new JsonArray("10.0.0.0/33");
            config["ReverseProxy"]!["Routes"]!["nomatch"] = new JsonObject { ["ClusterId"] = "bank" };
        });

        Assert.False(reload.Accepted);
        Assert.Equal(
            ["Gateway:Policies:sensitive:MaxAge", "Gateway:Rules:0:Policy", "Gateway:TrustedProxies", "ReverseProxy:Routes:nomatch"],
            reload.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reload_of_broken_json_is_rejected_and_old_policies_and_routes_stay_in_force()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var good = await File.ReadAllTextAsync(host.ConfigPath);

        var reload = await host.WriteConfigTextAsync(good[..(good.Length / 2)]);

        Assert.False(reload.Accepted);
        var error = Assert.Single(reload.Errors);
        Assert.Equal(host.ConfigPath, error.Key);
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
        await AssertOldPoliciesInForceAsync(host, browser);

        // The proxied routes survive too (the stock JSON provider would have dropped them all).
        var echo = await browser.GetAsync("/echo/headers");
        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        var login = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Reload_with_a_route_the_proxy_refuses_is_rejected_and_old_routes_stay_in_force()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var reload = await host.RewriteConfigAsync(config =>
        {
            // Valid for the gateway; YARP refuses a route without Match.
            config["ReverseProxy"]!["Routes"]!["echo"]!.AsObject().Remove("Match");
        });

        Assert.False(reload.Accepted);
        Assert.Equal("ReverseProxy:Routes:echo", Assert.Single(reload.Errors).Key);
        await AssertOldPoliciesInForceAsync(host, browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/echo/headers")).StatusCode);
    }

    [Fact]
    public async Task Reload_with_HashCookie_affinity_pins_the_client_with_YARP_s_affinity_cookie()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var reload = await host.RewriteConfigAsync(config =>
            config["ReverseProxy"]!["Clusters"]!["echo"]!["SessionAffinity"] = new JsonObject
            {
                ["Enabled"] = true,
                ["Policy"] = "HashCookie",
                ["AffinityKeyName"] = "EchoAffinity",
            });

        Assert.True(reload.Accepted, string.Join("; ", reload.Errors));
        using var response = await browser.GetAsync("/echo/headers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("EchoAffinity=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_with_an_unknown_affinity_policy_is_rejected_and_keeps_the_last_good_config()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var reload = await host.RewriteConfigAsync(config =>
            config["ReverseProxy"]!["Clusters"]!["echo"]!["SessionAffinity"] = new JsonObject { ["Enabled"] = true, ["Policy"] = "Sticky" });

        Assert.False(reload.Accepted);
        Assert.Contains(reload.Errors, e => e.Key == "ReverseProxy:Clusters:echo" && e.Message.Contains("'Sticky'", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/echo/headers")).StatusCode);
    }

    [Fact]
    public async Task Valid_reload_takes_effect_at_once()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/public/about")).StatusCode);

        var reload = await host.RewriteConfigAsync(config =>
            Rules(config).Insert(0, new JsonObject { ["Name"] = "closed", ["Paths"] = new JsonArray("/public/about"), ["Policy"] = "blocked" }));

        Assert.True(reload.Accepted, string.Join('\n', reload.Errors));
        Assert.Empty(reload.Errors);
        Assert.Equal(4, host.Monitor.Current.Rules.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/public/about")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Valid_reload_after_a_rejected_one_takes_effect()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var config = JsonNode.Parse(await File.ReadAllTextAsync(host.ConfigPath))!.AsObject();

        Assert.False((await host.WriteConfigTextAsync("{ broken")).Accepted);
        Rules(config).Insert(0, new JsonObject { ["Paths"] = new JsonArray("/public/about"), ["Policy"] = "blocked" });
        var reload = await host.WriteConfigTextAsync(config.ToJsonString());

        Assert.True(reload.Accepted, string.Join('\n', reload.Errors));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/public/about")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/x")).StatusCode);
    }

    [Fact]
    public async Task Reload_with_a_route_naming_no_cluster_is_rejected()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var reload = await host.RewriteConfigAsync(config => config["ReverseProxy"]!["Routes"]!["ghost"] = new JsonObject
        {
            ["ClusterId"] = "nowhere",
            ["Order"] = -2,
            ["Match"] = new JsonObject { ["Path"] = "/ghost/{**rest}" },
            ["Metadata"] = new JsonObject { ["MfaPolicy"] = "public" },
        });

        // Accepted, YARP would serve the route with no cluster: every request to it fails with 503.
        Assert.False(reload.Accepted, "a route whose ClusterId names no cluster was accepted");
        Assert.Contains(reload.Errors, e => e.Key == "ReverseProxy:Routes:ghost:ClusterId" && e.Message.Contains("nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task File_watcher_rejects_an_invalid_file_without_being_asked()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var config = JsonNode.Parse(await File.ReadAllTextAsync(host.ConfigPath))!.AsObject();
        Rules(config)[2]!["Policy"] = "no-such-policy";

        await File.WriteAllTextAsync(host.ConfigPath, config.ToJsonString());
        var reload = await WaitForReloadAsync(host, r => !r.Accepted);

        Assert.Equal(host.ConfigPath, reload.Path);
        Assert.Equal("Gateway:Rules:2:Policy", Assert.Single(reload.Errors).Key);
        await AssertOldPoliciesInForceAsync(host, browser);
    }

    [Fact]
    public async Task File_watcher_applies_a_valid_file_without_being_asked()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var config = JsonNode.Parse(await File.ReadAllTextAsync(host.ConfigPath))!.AsObject();
        Rules(config).Insert(0, new JsonObject { ["Paths"] = new JsonArray("/public/about"), ["Policy"] = "blocked" });

        await File.WriteAllTextAsync(host.ConfigPath, config.ToJsonString());
        await WaitForReloadAsync(host, r => r.Accepted);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/public/about")).StatusCode);
    }

    private static JsonArray Rules(JsonObject config) => config["Gateway"]!["Rules"]!.AsArray();

    private static async Task<ConfigFileReload> WaitForReloadAsync(GatewayTestHost host, Func<ConfigFileReload, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (host.Monitor.LastFileReload is { } reload && done(reload))
            {
                return reload;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the file watcher did not reload {host.ConfigPath} within 10 s (last: {host.Monitor.LastFileReload})");
        return null!;
    }

    /// <summary>The start-up policies: /health bypassed, /admin denied, /public bypassed, three rules.</summary>
    private static async Task AssertOldPoliciesInForceAsync(GatewayTestHost host, Browser browser)
    {
        Assert.Equal(3, host.Monitor.Current.Rules.Count);
        Assert.Equal("public", host.Monitor.Current.Rules[0].Policy.Name);

        var health = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/public/about")).StatusCode);
    }
}
