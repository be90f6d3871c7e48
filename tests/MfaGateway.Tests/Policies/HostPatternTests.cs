using MfaGateway.Policies;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Policies;

public sealed class HostPatternTests
{
    [Theory]
    [InlineData("app.example.com", "app.example.com", true)]
    [InlineData("app.example.com", "APP.Example.COM", true)]
    [InlineData("app.example.com", "app.example.com:8443", true)]
    [InlineData("app.example.com", "example.com", false)]
    [InlineData("app.example.com", "x.app.example.com", false)]
    [InlineData("app.example.com", "app.example.com.evil.test", false)]
    [InlineData("app.example.com", "app-example.com", false)]
    [InlineData(" app.example.com ", "app.example.com", true)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "A.EXAMPLE.com:443", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.example.com", "evilexample.com", false)]
    [InlineData("*.example.com", "example.com.evil.test", false)]
    [InlineData("*.example.com", "a.example.org", false)]
    [InlineData("localhost", "localhost:5000", true)]
    [InlineData("127.0.0.1", "127.0.0.1:8080", true)]
    public void Matches_host_names_ignoring_case_and_port(string pattern, string host, bool expected)
    {
        Assert.True(HostPattern.TryParse(pattern, out var parsed, out var error), error);
        Assert.Equal(expected, parsed!.Matches(new HostString(host)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("*.*.example.com")]
    [InlineData("app*.example.com")]
    [InlineData("bad/host")]
    [InlineData("app.example.com:8443")]
    [InlineData("https://app.example.com")]
    public void Invalid_host_patterns_are_refused_with_a_reason(string pattern)
    {
        Assert.False(HostPattern.TryParse(pattern, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Contains("is not a host name or '*.domain' pattern", error, StringComparison.Ordinal);
    }
}
