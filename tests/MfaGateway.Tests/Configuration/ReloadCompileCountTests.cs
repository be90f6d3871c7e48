using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Configuration;

/// <summary>
/// A changed config file is compiled once: the compile that judged it is the one published, not
/// repeated when the file provider signals the change it just made.
/// </summary>
public sealed class ReloadCompileCountTests
{
    [Fact]
    public async Task An_accepted_reload_compiles_the_configuration_once()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var before = host.Monitor.Compilations;

        var reload = await host.RewriteConfigAsync(config =>
            config["Gateway"]!["Rules"]!.AsArray().Insert(0, new JsonObject { ["Paths"] = new JsonArray("/public/about"), ["Policy"] = "blocked" }));

        Assert.True(reload.Accepted, string.Join('\n', reload.Errors));
        Assert.Equal(before + 1, host.Monitor.Compilations);
        Assert.Equal(4, host.Monitor.Current.Rules.Count);
    }

    [Fact]
    public async Task A_rejected_reload_compiles_once_and_publishes_nothing()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var before = host.Monitor.Compilations;

        var reload = await host.RewriteConfigAsync(config => config["Gateway"]!["Rules"]![0]!["Policy"] = "no-such-policy");

        Assert.False(reload.Accepted);
        Assert.Equal(before + 1, host.Monitor.Compilations);
        Assert.Equal(3, host.Monitor.Current.Rules.Count);
    }

    [Fact]
    public async Task Two_different_accepted_reloads_in_a_row_each_publish_their_own_configuration()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var before = host.Monitor.Compilations;

        await host.RewriteConfigAsync(config =>
            config["Gateway"]!["Rules"]!.AsArray().Insert(0, new JsonObject { ["Paths"] = new JsonArray("/one"), ["Policy"] = "blocked" }));
        await host.RewriteConfigAsync(config =>
            config["Gateway"]!["Rules"]!.AsArray().Insert(0, new JsonObject { ["Paths"] = new JsonArray("/two"), ["Policy"] = "blocked" }));

        Assert.Equal(before + 2, host.Monitor.Compilations);
        Assert.Equal(5, host.Monitor.Current.Rules.Count);
    }
}
