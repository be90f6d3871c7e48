using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Configuration;

/// <summary>A policy with a bad level is one mistake, reported once, however many rules name it.</summary>
public sealed class BrokenPolicyReportTests
{
    [Fact]
    public async Task Bad_policy_level_is_reported_once_and_not_as_an_unknown_policy_in_each_rule_naming_it()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var reload = await host.RewriteConfigAsync(config =>
        {
            config["Gateway"]!["Policies"]!["sensitive"]!["Level"] = "Sometimes";
            config["Gateway"]!["Rules"]![2]!["Policy"] = "sensitive"; // a second rule naming it
        });

        Assert.False(reload.Accepted);
        var error = Assert.Single(reload.Errors);
        Assert.Equal("Gateway:Policies:sensitive:Level", error.Key);
        Assert.StartsWith("'Sometimes'", error.Message, StringComparison.Ordinal);
    }
}
