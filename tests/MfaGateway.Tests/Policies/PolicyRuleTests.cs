using System.Net;
using MfaGateway.Networking;
using MfaGateway.Policies;
using MfaGateway.Validation;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Policies;

public sealed class PolicyRuleTests
{
    private static readonly RoutePolicy Blocked = new("blocked", PolicyLevel.Deny, new HashSet<string> { "totp" }, null);

    [Theory]
    [InlineData("POST", true)]
    [InlineData("post", true)]
    [InlineData("PUT", true)]
    [InlineData("GET", false)]
    [InlineData("HEAD", false)]
    [InlineData("DELETE", false)]
    public void Methods_condition_matches_listed_methods_in_any_case(string method, bool expected)
    {
        var rule = Rule(methods: ["POST", "PUT"]);

        Assert.Equal(expected, Matches(rule, Request(method, "/x"), "bank", null));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("::ffff:10.1.2.3", true)] // a dual-stack socket's view of an IPv4 client
    [InlineData("10.99.0.1", false)] // inside 10/8 but excluded by "!10.99.0.0/16"
    [InlineData("10.99.255.254", false)]
    [InlineData("::ffff:10.99.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("2001:db8::1", false)]
    public void Networks_condition_includes_listed_networks_minus_those_written_with_a_bang(string client, bool expected)
    {
        var rule = Rule(networks: ["10.0.0.0/8", "!10.99.0.0/16"]);

        Assert.Equal(expected, Matches(rule, Request("GET", "/x"), "bank", IPAddress.Parse(client)));
    }

    [Fact]
    public void Networks_condition_with_an_included_network_does_not_match_an_unknown_client()
    {
        Assert.False(Matches(Rule(networks: ["10.0.0.0/8"]), Request("GET", "/x"), "bank", null));
    }

    [Theory]
    [InlineData("203.0.113.9", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.16.0.5", false)]
    public void Networks_condition_with_only_exclusions_matches_everyone_outside_them(string client, bool expected)
    {
        var rule = Rule(networks: ["!10.0.0.0/8", " !172.16.0.0/12"]);

        Assert.Equal(expected, Matches(rule, Request("GET", "/x"), "bank", IPAddress.Parse(client)));
    }

    [Theory]
    [InlineData("bank", true)]
    [InlineData("BANK", true)]
    [InlineData("docs", true)]
    [InlineData("echo", false)]
    [InlineData(null, false)]
    public void Routes_condition_matches_listed_route_ids(string? routeId, bool expected)
    {
        var rule = Rule(routes: ["bank", "docs"]);

        Assert.Equal(expected, Matches(rule, Request("GET", "/x"), routeId, null));
    }

    [Theory]
    [InlineData("POST", "admin.example.com", "/admin/users", "10.0.0.7", "bank", true)]
    [InlineData("GET", "admin.example.com", "/admin/users", "10.0.0.7", "bank", false)]
    [InlineData("POST", "www.example.com", "/admin/users", "10.0.0.7", "bank", false)]
    [InlineData("POST", "admin.example.com", "/public", "10.0.0.7", "bank", false)]
    [InlineData("POST", "admin.example.com", "/admin/users", "192.0.2.1", "bank", false)]
    [InlineData("POST", "admin.example.com", "/admin/users", "10.0.0.7", "echo", false)]
    public void Every_given_condition_must_hold(string method, string host, string path, string client, string routeId, bool expected)
    {
        var rule = Rule(methods: ["POST"], hosts: ["admin.example.com"], paths: ["/admin/**"], networks: ["10.0.0.0/8"], routes: ["bank"]);

        Assert.Equal(expected, Matches(rule, Request(method, path, host), routeId, IPAddress.Parse(client)));
    }

    [Fact]
    public void Rule_without_conditions_matches_every_request()
    {
        var rule = Rule();

        Assert.True(Matches(rule, Request("PATCH", "/anything", "any.host"), null, null));
        Assert.Same(Blocked, rule.Policy);
        Assert.Equal("test rule", rule.Name);
    }

    [Fact]
    public void Any_of_several_hosts_or_paths_is_enough()
    {
        var rule = Rule(hosts: ["a.example.com", "*.example.org"], paths: ["/one", "/two/**"]);

        Assert.True(Matches(rule, Request("GET", "/one", "a.example.com"), null, null));
        Assert.True(Matches(rule, Request("GET", "/two/x/y", "x.example.org"), null, null));
        Assert.False(Matches(rule, Request("GET", "/three", "a.example.com"), null, null));
        Assert.False(Matches(rule, Request("GET", "/one", "b.example.com"), null, null));
    }

    private static PolicyRule Rule(
        string[]? methods = null, string[]? hosts = null, string[]? paths = null, string[]? networks = null, string[]? routes = null)
    {
        var errors = new List<ConfigError>();
        var hostPatterns = (hosts ?? []).Select(h => HostPattern.TryParse(h, out var p, out _) ? p! : throw new ArgumentException(h)).ToList();
        var pathPatterns = (paths ?? []).Select(p => PathPattern.TryParse(p, out var pattern, out _) ? pattern! : throw new ArgumentException(p)).ToList();
        var condition = NetworkCondition.Parse(networks ?? [], "Networks", errors);
        Assert.Empty(errors);
        return new PolicyRule(
            "test rule",
            hostPatterns,
            pathPatterns,
            new HashSet<string>((methods ?? []).Select(m => m.ToUpperInvariant()), StringComparer.OrdinalIgnoreCase),
            condition,
            new HashSet<string>(routes ?? [], StringComparer.OrdinalIgnoreCase),
            Blocked);
    }

    /// <summary>As the gateway asks a rule: with the request's canonical path.</summary>
    private static bool Matches(PolicyRule rule, HttpRequest request, string? routeId, IPAddress? client) =>
        rule.Matches(request, CanonicalPath.Of(request).Value, routeId, client);

    private static HttpRequest Request(string method, string path, string host = "bank.example.com")
    {
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Path = path;
        request.Host = new HostString(host);
        return request;
    }
}
