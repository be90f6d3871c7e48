using System.Text;
using MfaGateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Configuration;

/// <summary>In-memory configurations written as JSON text, as an operator would write the file.</summary>
public static class TestConfiguration
{
    /// <summary>A small valid configuration: one form-login app, two routes, four policies, four rules.</summary>
    public const string Valid = """
        {
          "Gateway": {
            "Issuer": "Test Bank",
            "DataDirectory": "data",
            "TrustedProxies": [ "10.0.0.0/8", "127.0.0.1" ],
            "DefaultPolicy": "signin",
            "Policies": {
              "public": { "Level": "Bypass" },
              "signin": { "Level": "Required", "Factors": [ "totp" ] },
              "sensitive": { "Level": "Required", "Factors": [ "totp" ], "MaxAge": "5m" },
              "blocked": { "Level": "Deny" }
            },
            "Rules": [
              { "Name": "health", "Paths": [ "/health" ], "Policy": "public" },
              { "Name": "admin help", "Paths": [ "/admin/help" ], "Policy": "public" },
              { "Name": "admin", "Paths": [ "/admin/**" ], "Policy": "blocked" },
              { "Name": "money", "Paths": [ "/transfer" ], "Methods": [ "POST" ], "Policy": "sensitive" }
            ],
            "Apps": {
              "bank": {
                "Routes": [ "bank", "docs" ],
                "Identity": {
                  "Source": "FormLogin",
                  "FormLogin": { "LoginPath": "/login", "SessionCookie": "BankSession" }
                }
              }
            }
          },
          "ReverseProxy": {
            "Routes": {
              "bank": { "ClusterId": "bank", "Match": { "Path": "{**catch-all}" } },
              "docs": { "ClusterId": "bank", "Match": { "Path": "/docs/{**rest}" }, "Metadata": { "MfaPolicy": "public" } }
            },
            "Clusters": {
              "bank": { "Destinations": { "demo": { "Address": "http://127.0.0.1:5080/" } } }
            }
          }
        }
        """;

    /// <summary>Replaces text that must be there, so an edit of a sample config can never silently do nothing.</summary>
    public static string With(this string json, string find, string replace)
    {
        Assert.Contains(find, json, StringComparison.Ordinal);
        return json.Replace(find, replace, StringComparison.Ordinal);
    }

    public static IConfigurationRoot FromJson(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>The valid configuration with its "TrustedProxies" replaced.</summary>
    public static IConfigurationRoot WithTrustedProxies(params string[] networks) =>
        FromJson(Valid.With(
            "\"TrustedProxies\": [ \"10.0.0.0/8\", \"127.0.0.1\" ]",
            $"\"TrustedProxies\": [ {string.Join(", ", networks.Select(n => $"\"{n}\""))} ]"));

    public static GatewayConfigMonitor Monitor(IConfiguration configuration) =>
        new(configuration, NullLogger<GatewayConfigMonitor>.Instance);

    public static GatewayConfig Compile(string json)
    {
        var config = GatewayConfigCompiler.Compile(FromJson(json), out var errors);
        Assert.True(config is not null, "expected a valid configuration, got:\n" + string.Join('\n', errors));
        return config;
    }
}
