using MfaGateway.Configuration;

namespace MfaGateway.Tests.Configuration;

public sealed class CredentialsConfigTests
{
    [Fact]
    public void Credential_mistakes_are_all_reported_at_once()
    {
        const string json = """
            {
              "Gateway": {
                "Issuer": "Test Bank",
                "DataDirectory": "data",
                "DefaultPolicy": "signin",
                "Policies": { "signin": { "Level": "Required" } },
                "Apps": {
                  "bank": {
                    "Routes": [ "bank" ],
                    "Identity": { "Source": "FormLogin", "FormLogin": { "LoginPath": "/login", "SessionCookie": "BankSession" } },
                    "Credentials": { "Cookies": [ "mfa-device-bank", "BankSession", "bad name" ], "Headers": [ "bad:header" ] },
                    "StripHeaders": [ "also bad" ]
                  },
                  "api": {
                    "Routes": [ "api" ],
                    "Identity": { "Source": "TrustedHeader", "TrustedHeader": { "Header": "X-Remote-User", "TrustedNetworks": [ "10.0.0.0/8" ] } },
                    "Credentials": { "Headers": [ "X_Remote_User" ] }
                  }
                }
              },
              "ReverseProxy": {
                "Routes": {
                  "bank": { "ClusterId": "bank", "Match": { "Path": "{**catch-all}" } },
                  "api": { "ClusterId": "bank", "Match": { "Path": "/api/{**rest}" } }
                },
                "Clusters": { "bank": { "Destinations": { "demo": { "Address": "http://127.0.0.1:5080/" } } } }
              }
            }
            """;

        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Null(config);
        (string Key, string Says)[] expected =
        [
            ("Gateway:Apps:bank", "cookie 'mfa-device-bank' has a name the gateway uses"),
            ("Gateway:Apps:bank:Credentials:Cookies", "'BankSession' is the cookie the gateway tracks"),
            ("Gateway:Apps:bank:Credentials:Cookies", "'bad name' is not a cookie name"),
            ("Gateway:Apps:bank:Credentials:Headers", "'bad:header' is not a header name"),
            ("Gateway:Apps:bank:StripHeaders", "'also bad' is not a header name"),
            ("Gateway:Apps:api:Credentials:Headers", "'X_Remote_User' carries the identity"),
        ];
        Assert.Equal(expected.Select(e => e.Key).Order(StringComparer.Ordinal), errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        foreach (var (key, says) in expected)
        {
            Assert.Single(errors, e => e.Key == key && e.Message.Contains(says, StringComparison.Ordinal));
        }
    }
}
