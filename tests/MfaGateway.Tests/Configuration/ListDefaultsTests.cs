using System.Text;
using MfaGateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace MfaGateway.Tests.Configuration;

/// <summary>
/// The configuration binder appends to lists that already hold items, so a list default written in
/// an options class could never be narrowed by the operator. These lists must mean exactly what is written.
/// </summary>
public sealed class ListDefaultsTests
{
    [Fact]
    public void Configured_lists_replace_the_defaults_instead_of_adding_to_them()
    {
        var config = Compile("""
            "Apps": {
              "web": { "Routes": [ "web" ], "Identity": { "Source": "FormLogin", "FormLogin": { "LoginPath": "/login", "SessionCookie": "S", "SuccessStatus": [ 302 ] } } },
              "api": { "Routes": [ "api" ], "Identity": { "Source": "Jwt", "Jwt": { "Issuers": [ "i" ], "Audiences": [ "a" ], "Algorithms": [ "RS256" ], "JwksUrl": "https://idp.example/jwks" } } }
            }
            """);

        Assert.Equal([302], config.Apps["web"].FormLogin!.SuccessStatus);
        Assert.Equal(["RS256"], config.Apps["api"].Jwt!.Algorithms);
    }

    [Fact]
    public void Unset_lists_get_their_documented_defaults()
    {
        var config = Compile("""
            "Apps": {
              "web": { "Routes": [ "web" ], "Identity": { "Source": "FormLogin", "FormLogin": { "LoginPath": "/login", "SessionCookie": "S" } } },
              "api": { "Routes": [ "api" ], "Identity": { "Source": "Jwt", "Jwt": { "Issuers": [ "i" ], "Audiences": [ "a" ], "JwksUrl": "https://idp.example/jwks" } } }
            }
            """);

        Assert.Equal([302, 303], config.Apps["web"].FormLogin!.SuccessStatus.Order());
        Assert.Equal(["RS256", "ES256", "PS256"], config.Apps["api"].Jwt!.Algorithms);
    }

    private static GatewayConfig Compile(string apps)
    {
        var json = $$"""
            {
              "Gateway": { "DefaultPolicy": "p", "Policies": { "p": { "Level": "Required" } }, {{apps}} },
              "ReverseProxy": { "Routes": { "web": { "ClusterId": "c", "Match": { "Path": "/web/{**x}" } }, "api": { "ClusterId": "c", "Match": { "Path": "/api/{**x}" } } },
                                "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } } }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var compiled = GatewayConfigCompiler.Compile(configuration, out var errors);
        Assert.True(compiled is not null, string.Join("; ", errors));
        return compiled;
    }
}
