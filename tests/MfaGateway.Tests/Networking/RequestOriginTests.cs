using System.Net;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Tests.Configuration;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Networking;

/// <summary>The config trusts 10.0.0.0/8 and 127.0.0.1 as proxies (see <see cref="TestConfiguration.Valid"/>).</summary>
public sealed class RequestOriginTests : IDisposable
{
    private readonly GatewayConfigMonitor _monitor = TestConfiguration.Monitor(TestConfiguration.FromJson(TestConfiguration.Valid));

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public async Task Origin_names_the_client_resolved_through_trusted_proxies_not_the_proxy()
    {
        var context = NewContext("127.0.0.1");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.9, 10.0.0.2";

        await new ClientAddressMiddleware(_ => Task.CompletedTask, new MonitoredTrustedProxies(_monitor)).InvokeAsync(context);

        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.Origin().ClientAddress);
    }

    [Fact]
    public async Task Origin_built_before_the_client_was_resolved_is_built_again_after()
    {
        var context = NewContext("127.0.0.1");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        Assert.Equal(IPAddress.Parse("127.0.0.1"), context.Origin().ClientAddress);

        await new ClientAddressMiddleware(_ => Task.CompletedTask, new MonitoredTrustedProxies(_monitor)).InvokeAsync(context);

        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.Origin().ClientAddress);
    }

    [Fact]
    public void Origin_carries_the_user_agent_and_the_device_cookie_of_the_scheme_in_use()
    {
        var context = NewContext("198.51.100.7");
        context.Request.Headers.UserAgent = "Mozilla/5.0 Firefox/140.0";
        context.Request.Headers.Cookie = "mfa-did=plain; __Host-mfa-did=secure";
        context.Request.Scheme = "https";

        var origin = context.Origin();

        Assert.Equal(new RequestOrigin(IPAddress.Parse("198.51.100.7"), "Mozilla/5.0 Firefox/140.0", "secure"), origin);
    }

    [Fact]
    public void Origin_of_a_client_that_sent_nothing_has_no_user_agent_and_no_device()
    {
        var origin = NewContext("198.51.100.7").Origin();

        Assert.Null(origin.UserAgent);
        Assert.Null(origin.DeviceToken);
    }

    [Fact]
    public void Origin_is_built_once_per_request()
    {
        var context = NewContext("198.51.100.7");

        Assert.Same(context.Origin(), context.Origin());
    }

    private static DefaultHttpContext NewContext(string peer)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Host = new HostString("bank.example.com");
        return context;
    }
}
