using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Administration;

/// <summary>Issue 8 item 14: the admin API can be limited to networks, and its map needs a key.</summary>
public sealed class AdminAccessTests
{
    [Fact]
    public async Task Outside_the_admin_networks_every_endpoint_and_the_document_do_not_exist_even_with_a_key()
    {
        await using var admin = await AdminApiHost.StartAsync(config => config["Gateway"]!["Admin"]!["Networks"] = new JsonArray("10.0.0.0/8"));

        foreach (var (method, path) in AdminApiHost.Endpoints.Append((HttpMethod.Get, AdminApiHost.Document)))
        {
            var response = await admin.SendAsync(method, path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        var denied = await admin.Host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [AuditEventTypes.AdminDenied], PageSize: 100), CancellationToken.None);
        Assert.All(denied.Events, e => Assert.Equal("network", e.Detail["reason"]));
        Assert.Equal(AdminApiHost.Endpoints.Length + 1, denied.Events.Count);
    }

    [Fact]
    public async Task Inside_the_admin_networks_a_key_still_decides()
    {
        await using var admin = await AdminApiHost.StartAsync(config => config["Gateway"]!["Admin"]!["Networks"] = new JsonArray("127.0.0.0/8", "::1/128"));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{AdminApiHost.Api}/audit")).StatusCode);
        var withoutKey = await admin.SendAsync(HttpMethod.Get, $"{AdminApiHost.Api}/audit", null, _ => { });
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_needs_a_key_unless_configured_public()
    {
        await using (var closed = await AdminApiHost.StartAsync())
        {
            var anonymous = await closed.SendAsync(HttpMethod.Get, AdminApiHost.Document, null, _ => { });
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            var wrongKey = await closed.SendAsync(HttpMethod.Get, AdminApiHost.Document, null, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKeys.NewKey()));
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await closed.GetAsync(AdminApiHost.Document)).StatusCode);
        }

        await using var open = await AdminApiHost.StartAsync(config => config["Gateway"]!["Admin"]!["PublicOpenApi"] = true);
        Assert.Equal(HttpStatusCode.OK, (await open.SendAsync(HttpMethod.Get, AdminApiHost.Document, null, _ => { })).StatusCode);
    }

    [Fact]
    public void A_bad_admin_network_is_a_start_up_error()
    {
        var errors = new List<ConfigError>();
        var config = MfaGateway.Configuration.GatewayConfigCompiler.Compile(
            MfaGateway.Tests.Configuration.TestConfiguration.FromJson("""
                {
                  "Gateway": {
                    "Issuer": "T", "DataDirectory": "d", "DefaultPolicy": "p",
                    "Policies": { "p": { "Level": "Required" } },
                    "Apps": { "a": { "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "TrustedNetworks": [ "10.0.0.0/8" ] } } } },
                    "Admin": { "Networks": [ "10.0.0.0/33" ] }
                  },
                  "ReverseProxy": { "Routes": { "r": { "ClusterId": "c", "Match": { "Path": "{**x}" } } }, "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } } }
                }
                """),
            out var found);
        errors.AddRange(found);

        Assert.Null(config);
        Assert.Contains(errors, e => e.Key == "Gateway:Admin:Networks");
    }
}
