using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Configuration;

/// <summary>
/// A reload is judged by what would run: the edited file under the environment variables and
/// command-line arguments that outrank it, with YARP's routes and the gateway's rules published
/// together or not at all.
/// </summary>
public sealed class MergedReloadTests
{
    [Fact]
    public async Task File_valid_alone_but_invalid_merged_is_rejected_and_neither_routes_nor_rules_change()
    {
        // The command line keeps rule 0 on "public"; the edit removes that policy and adds a route.
        await using var host = await GatewayTestHost.StartAsync(arguments: ["--Gateway:Rules:0:Policy=public"]);
        using var browser = host.NewBrowser();
        var before = (await browser.GetAsync("/mirror/anything")).StatusCode;
        Assert.NotEqual(HttpStatusCode.OK, before);

        var reload = await host.RewriteConfigAsync(config =>
        {
            var gateway = config["Gateway"]!.AsObject();
            gateway["Policies"]!.AsObject().Remove("public");
            gateway["Rules"]![0]!["Policy"] = "optional";
            gateway["Rules"]!.AsArray().Insert(0, new JsonObject { ["Paths"] = new JsonArray("/admin/**"), ["Policy"] = "optional" });
            var routes = config["ReverseProxy"]!["Routes"]!;
            routes["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
            routes["mirror"] = new JsonObject
            {
                ["ClusterId"] = "echo",
                ["Order"] = -2,
                ["Match"] = new JsonObject { ["Path"] = "/mirror/{**rest}" },
                ["Transforms"] = new JsonArray(new JsonObject { ["PathSet"] = "/echo/headers" }),
            };
        });

        Assert.False(reload.Accepted, "a file that is invalid once the command line is applied was accepted");
        Assert.Contains(reload.Errors, e => e.Key == "Gateway:Rules:0:Policy" && e.Message.StartsWith("unknown policy 'public'", StringComparison.Ordinal));
        Assert.Equal(3, host.Monitor.Current.Rules.Count);
        Assert.Equal(before, (await browser.GetAsync("/mirror/anything")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/x")).StatusCode);
    }

    [Fact]
    public async Task Valid_reload_publishes_new_routes_and_new_rules_together()
    {
        await using var host = await GatewayTestHost.StartAsync(arguments: ["--Gateway:Rules:0:Policy=public"]);
        using var browser = host.NewBrowser();

        var reload = await host.RewriteConfigAsync(config =>
        {
            // Appended: the command line overrides rule 0.
            config["Gateway"]!["Rules"]!.AsArray().Add(new JsonObject { ["Paths"] = new JsonArray("/mirror/**"), ["Policy"] = "blocked" });
            config["ReverseProxy"]!["Routes"]!["mirror"] = new JsonObject
            {
                ["ClusterId"] = "echo",
                ["Order"] = -2,
                ["Match"] = new JsonObject { ["Path"] = "/mirror/{**rest}" },
                ["Transforms"] = new JsonArray(new JsonObject { ["PathSet"] = "/echo/headers" }),
            };
        });

        Assert.True(reload.Accepted, string.Join('\n', reload.Errors));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/mirror/anything")).StatusCode);
    }

    [Fact]
    public async Task Jwt_secret_from_an_environment_variable_does_not_make_file_reloads_fail()
    {
        await using var echo = await EchoUpstream.StartAsync();
        var directory = Directory.CreateTempSubdirectory("mfa-gateway-env-reload-").FullName;
        try
        {
            var config = TestConfig.Create("http://127.0.0.1:9/", echo.BaseAddress, Path.Combine(directory, "data"));
            config["Gateway"]!["Apps"]!["api"] = new JsonObject
            {
                ["Routes"] = new JsonArray("echo"),
                ["Identity"] = new JsonObject
                {
                    ["Source"] = "Jwt",
                    ["Jwt"] = new JsonObject
                    {
                        ["Issuers"] = new JsonArray(JwtTokens.Issuer),
                        ["Audiences"] = new JsonArray(JwtTokens.Audience),
                        ["Algorithms"] = new JsonArray("HS256"),
                        ["SigningKeys"] = new JsonArray(new JsonObject { ["KeyId"] = "from-environment" }),
                    },
                },
            };
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
            var configPath = Path.Combine(directory, "gateway.json");
            await WriteAsync(configPath, config);

            // The secret is kept out of the file, as a deployment keeps it: only the environment has it.
            var environment = new Dictionary<string, string>
            {
                ["Gateway__Apps__api__Identity__Jwt__SigningKeys__0__Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            var dll = typeof(MfaGateway.Hosting.GatewayHost).Assembly.Location;
            await using var gateway = await GatewayProcess.StartAsync(GatewayProcess.DotnetHost, [dll, "--config", configPath], directory, environment);
            using var client = gateway.NewClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/echo/headers")).StatusCode);

            config["Gateway"]!["Rules"]!.AsArray().Insert(0, new JsonObject { ["Paths"] = new JsonArray("/echo/**"), ["Policy"] = "blocked" });
            await WriteAsync(configPath, config);

            var applied = await gateway.EventuallyAsync(
                async () => (await client.GetAsync("/echo/headers")).StatusCode == HttpStatusCode.Forbidden,
                TimeSpan.FromSeconds(20));
            Assert.True(applied, $"the edited file was never applied:\n{gateway.Output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task WriteAsync(string path, JsonObject config) =>
        File.WriteAllTextAsync(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
