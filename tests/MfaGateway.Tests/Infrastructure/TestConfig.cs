using System.Text.Json.Nodes;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// The gateway config the functional tests start from: the demo bank behind form login (the same
/// shape as config/gateway.json), plus an "echo" route to a test upstream, bypassed by default.
/// Tests change it as a JSON tree before the gateway starts.
/// </summary>
public static class TestConfig
{
    public static JsonObject Create(string demoAddress, string echoAddress, string dataDirectory) => JsonNode.Parse($$"""
        {
          "Gateway": {
            "Issuer": "Acme Legacy Bank",
            "DataDirectory": "{{dataDirectory}}",
            "DefaultPolicy": "signin",
            "Policies": {
              "public": { "Level": "Bypass" },
              "signin": { "Level": "Required", "Factors": [ "totp" ] },
              "sensitive": { "Level": "Required", "Factors": [ "totp" ], "MaxAge": "5m" },
              "optional": { "Level": "Optional" },
              "blocked": { "Level": "Deny" }
            },
            "Rules": [
              { "Name": "static and health", "Paths": [ "/health", "/css/**", "/public/**" ], "Policy": "public" },
              { "Name": "money moves", "Paths": [ "/transfer", "/api/transfers" ], "Methods": [ "POST" ], "Policy": "sensitive" },
              { "Name": "no admin area", "Paths": [ "/admin/**" ], "Policy": "blocked" }
            ],
            "Apps": {
              "bank": {
                "Routes": [ "bank" ],
                "Identity": {
                  "Source": "FormLogin",
                  "FormLogin": {
                    "LoginPath": "/login",
                    "UsernameField": "username",
                    "SuccessStatus": [ 302 ],
                    "SessionCookie": "DemoSession",
                    "LogoutPaths": [ "/logout" ]
                  }
                },
                "ApiPaths": [ "/api/**" ]
              }
            }
          },
          "ReverseProxy": {
            "Routes": {
              "bank": { "ClusterId": "bank", "Match": { "Path": "{**catch-all}" } },
              "echo": { "ClusterId": "echo", "Order": -1, "Match": { "Path": "/echo/{**rest}" }, "Metadata": { "MfaPolicy": "public" } }
            },
            "Clusters": {
              "bank": { "Destinations": { "demo": { "Address": "{{demoAddress}}" } } },
              "echo": { "Destinations": { "echo": { "Address": "{{echoAddress}}" } } }
            }
          },
          "Logging": { "LogLevel": { "Default": "Warning" } }
        }
        """)!.AsObject();
}
