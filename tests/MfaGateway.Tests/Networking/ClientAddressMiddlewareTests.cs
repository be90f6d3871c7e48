using System.Net;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Tests.Configuration;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Networking;

/// <summary>The config trusts 10.0.0.0/8 and 127.0.0.1 as proxies (see <see cref="TestConfiguration.Valid"/>).</summary>
public sealed class ClientAddressMiddlewareTests : IDisposable
{
    private readonly GatewayConfigMonitor _monitor = TestConfiguration.Monitor(TestConfiguration.FromJson(TestConfiguration.Valid));

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public async Task Untrusted_peer_has_its_forwarded_headers_ignored()
    {
        var context = await RunAsync("198.51.100.7", forwardedFor: "203.0.113.9", proto: "https", host: "evil.example");

        Assert.Equal(IPAddress.Parse("198.51.100.7"), context.ClientAddress());
        Assert.Equal(IPAddress.Parse("198.51.100.7"), context.PeerAddress());
        Assert.Null(context.Features.Get<ClientAddressFeature>());
        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal("bank.example.com", context.Request.Host.Value);
    }

    [Fact]
    public async Task Trusted_peer_walks_the_chain_right_to_left_over_trusted_proxies()
    {
        var context = await RunAsync("127.0.0.1", forwardedFor: "203.0.113.9, 10.0.0.2");

        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.ClientAddress());
        Assert.Equal(IPAddress.Parse("127.0.0.1"), context.PeerAddress());
        Assert.Equal(IPAddress.Parse("127.0.0.1"), context.Features.Get<ClientAddressFeature>()!.PeerAddress);
    }

    [Theory]
    // The first untrusted hop from the right is the client; what is left of it is the client's own claim.
    [InlineData("198.51.100.1, 203.0.113.9, 10.0.0.2", "203.0.113.9")]
    [InlineData("10.0.0.9, 203.0.113.9, 10.0.0.2", "203.0.113.9")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    // Every hop a trusted proxy: the leftmost is the furthest we can go.
    [InlineData("10.0.0.5, 10.0.0.2", "10.0.0.5")]
    // Ports and IPv6 forms.
    [InlineData("203.0.113.9:5555, 10.0.0.2:80", "203.0.113.9")]
    [InlineData("[2001:db8::9]:443, 10.0.0.2", "2001:db8::9")]
    [InlineData("2001:db8::9", "2001:db8::9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    // Garbage stops the walk at the last address that could be believed.
    [InlineData("203.0.113.9, garbage, 10.0.0.2", "10.0.0.2")]
    [InlineData("203.0.113.9, unknown", "127.0.0.1")]
    [InlineData("203.0.113.9, 10.0.0.2, 300.1.1.1", "127.0.0.1")]
    [InlineData("203.0.113.9,, 10.0.0.2", "203.0.113.9")]
    public async Task Trusted_peer_resolves_client_from_the_chain(string forwardedFor, string expectedClient)
    {
        var context = await RunAsync("127.0.0.1", forwardedFor);

        Assert.Equal(IPAddress.Parse(expectedClient), context.ClientAddress());
        Assert.Equal(IPAddress.Parse("127.0.0.1"), context.PeerAddress());
    }

    [Fact]
    public async Task Several_forwarded_for_headers_are_read_as_one_chain()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
        context.Request.Headers["X-Forwarded-For"] = new(["198.51.100.1, 203.0.113.9", "10.0.0.2"]);

        await InvokeAsync(context);

        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.ClientAddress());
    }

    [Fact]
    public async Task IPv4_mapped_trusted_peer_is_trusted()
    {
        var context = await RunAsync("::ffff:127.0.0.1", forwardedFor: "203.0.113.9");

        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.ClientAddress());
    }

    [Theory]
    [InlineData("https", "https")]
    [InlineData("HTTPS", "https")]
    [InlineData("http", "http")]
    [InlineData("http, https", "https")] // the last proxy's view wins
    [InlineData("javascript", "http")]
    [InlineData("", "http")]
    public async Task Trusted_peer_sets_scheme_from_forwarded_proto(string proto, string expectedScheme)
    {
        var context = await RunAsync("10.0.0.2", forwardedFor: "203.0.113.9", proto: proto);

        Assert.Equal(expectedScheme, context.Request.Scheme);
        Assert.Equal(expectedScheme == "https", context.Request.IsHttps);
    }

    [Fact]
    public async Task Trusted_peer_sets_https_even_without_a_forwarded_for()
    {
        var context = await RunAsync("10.0.0.2", proto: "https");

        Assert.True(context.Request.IsHttps);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), context.ClientAddress());
        Assert.Equal(IPAddress.Parse("10.0.0.2"), context.PeerAddress());
    }

    [Theory]
    [InlineData("app.example.com", "app.example.com")]
    [InlineData("app.example.com:8443", "app.example.com:8443")]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]:443")]
    [InlineData("first.example, app.example.com", "app.example.com")]
    [InlineData("evil.example/path", "bank.example.com")]
    [InlineData("evil.example\"<x>", "bank.example.com")]
    [InlineData("evil.example@x", "bank.example.com")]
    public async Task Trusted_peer_sets_host_from_forwarded_host_when_it_is_a_host_name(string forwardedHost, string expectedHost)
    {
        var context = await RunAsync("10.0.0.2", forwardedFor: "203.0.113.9", host: forwardedHost);

        Assert.Equal(expectedHost, context.Request.Host.Value);
    }

    [Fact]
    public async Task Trusted_peer_without_forwarded_headers_changes_nothing()
    {
        var context = await RunAsync("127.0.0.1");

        Assert.Equal(IPAddress.Loopback, context.ClientAddress());
        Assert.Null(context.Features.Get<ClientAddressFeature>());
        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal("bank.example.com", context.Request.Host.Value);
    }

    [Fact]
    public async Task No_trusted_proxies_configured_means_headers_are_never_believed()
    {
        using var monitor = TestConfiguration.Monitor(TestConfiguration.WithTrustedProxies());
        Assert.True(monitor.Current.TrustedProxies.IsEmpty);

        var context = NewContext("127.0.0.1", "203.0.113.9", "https", "evil.example");
        await new ClientAddressMiddleware(_ => Task.CompletedTask, new MonitoredTrustedProxies(monitor)).InvokeAsync(context);

        Assert.Equal(IPAddress.Loopback, context.ClientAddress());
        Assert.False(context.Request.IsHttps);
        Assert.Equal("bank.example.com", context.Request.Host.Value);
    }

    [Fact]
    public async Task Unknown_peer_address_is_left_alone()
    {
        var context = NewContext(null, "203.0.113.9", "https", null);

        await InvokeAsync(context);

        Assert.Null(context.ClientAddress());
        Assert.False(context.Request.IsHttps);
    }

    private async Task<HttpContext> RunAsync(string peer, string? forwardedFor = null, string? proto = null, string? host = null)
    {
        var context = NewContext(peer, forwardedFor, proto, host);
        await InvokeAsync(context);
        return context;
    }

    private async Task InvokeAsync(HttpContext context)
    {
        var called = false;
        var middleware = new ClientAddressMiddleware(
            _ =>
            {
                called = true;
                return Task.CompletedTask;
            },
            new MonitoredTrustedProxies(_monitor));

        await middleware.InvokeAsync(context);

        Assert.True(called, "the middleware must always call the next one");
    }

    private static DefaultHttpContext NewContext(string? peer, string? forwardedFor, string? proto, string? host)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = peer is null ? null : IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("bank.example.com");
        context.Request.Path = "/";
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        if (proto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = proto;
        }

        if (host is not null)
        {
            context.Request.Headers["X-Forwarded-Host"] = host;
        }

        return context;
    }
}
