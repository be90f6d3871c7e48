using System.Text.Json.Nodes;
using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Tests.Configuration;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Identity;

/// <summary>Issue 8 item 14: some apps treat "Alice" and "alice" as two users; the gateway can too.</summary>
public sealed class UserNameCaseTests
{
    [Theory]
    [InlineData("Sensitive", "Alice", "Alice")]
    [InlineData("Insensitive", "Alice", "alice")]
    [InlineData(null, "Alice", "alice")]
    public async Task The_user_the_app_is_told_about_keeps_case_only_where_the_app_does(string? nameCase, string sent, string expected)
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            var api = new JsonObject
            {
                ["Routes"] = new JsonArray("echo"),
                ["Identity"] = new JsonObject
                {
                    ["Source"] = "TrustedHeader",
                    ["TrustedHeader"] = new JsonObject { ["Header"] = "X-Remote-User", ["TrustedNetworks"] = new JsonArray("127.0.0.1/32") },
                },
            };
            if (nameCase is not null)
            {
                api["UserNameCase"] = nameCase;
            }

            config["Gateway"]!["Apps"]!["api"] = api;
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
        });
        using var client = EchoFlows.ApiClient(host);

        var (_, echoed) = await EchoFlows.GetAsync(client, ("X-Remote-User", sent));

        Assert.NotNull(echoed);
        Assert.Equal(expected, echoed.Headers["X-Mfa-User"]);
    }

    [Fact]
    public void Apps_of_one_realm_must_agree_and_the_value_must_be_known()
    {
        const string json = """
            {
              "Gateway": {
                "Issuer": "Test", "DataDirectory": "data", "DefaultPolicy": "signin",
                "Policies": { "signin": { "Level": "Required" } },
                "Apps": {
                  "a": { "Routes": [ "a" ], "Realm": "shared", "UserNameCase": "Sensitive",
                         "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "TrustedNetworks": [ "10.0.0.0/8" ] } } },
                  "b": { "Routes": [ "b" ], "Realm": "shared",
                         "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "TrustedNetworks": [ "10.0.0.0/8" ] } } },
                  "c": { "Routes": [ "c" ], "UserNameCase": "Lower",
                         "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "TrustedNetworks": [ "10.0.0.0/8" ] } } }
                }
              },
              "ReverseProxy": {
                "Routes": {
                  "a": { "ClusterId": "x", "Match": { "Path": "/a/{**r}" } },
                  "b": { "ClusterId": "x", "Match": { "Path": "/b/{**r}" } },
                  "c": { "ClusterId": "x", "Match": { "Path": "/c/{**r}" } }
                },
                "Clusters": { "x": { "Destinations": { "d": { "Address": "http://127.0.0.1:5080/" } } } }
              }
            }
            """;

        Assert.Null(GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors));
        Assert.Single(errors, e => e.Text.Contains("realm 'shared'", StringComparison.Ordinal) && e.Text.Contains("must agree on UserNameCase", StringComparison.Ordinal));
        Assert.Single(errors, e => e.Text.Contains("Gateway:Apps:c:UserNameCase: 'Lower' is not one of", StringComparison.Ordinal));
    }
}
