using System.Net;
using MfaGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Proxy;

/// <summary>
/// What <see cref="MfaGateway.Proxy.UpstreamCookieMemo"/> relies on in Kestrel, pinned so a framework
/// update that changes it shows here rather than as a slower gateway: a request's features reach the
/// connection's items, and a Cookie header whose bytes repeat on a connection is the same string.
/// </summary>
public sealed class KestrelCookieReuseTests
{
    [Fact]
    public async Task Kestrel_hands_back_the_same_cookie_string_on_one_connection_and_exposes_the_connection_items()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var seen = new List<(bool HasItems, bool SameAsLast)>();
        string? last = null;
        app.Run(context =>
        {
            var cookie = context.Request.Headers.Cookie.ToString();
            lock (seen)
            {
                seen.Add((context.Features.Get<IConnectionItemsFeature>()?.Items is not null, ReferenceEquals(cookie, last)));
                last = cookie;
            }

            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri(address) };
        foreach (var _ in Enumerable.Range(0, 3))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", "DemoSession=abc; mfa-session-bank=s; keep=1");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.All(seen, s => Assert.True(s.HasItems));
        Assert.Equal([false, true, true], seen.Select(s => s.SameAsLast));
    }

    /// <summary>Through the gateway on one keep-alive connection: the repeat is served from the memo and is still filtered.</summary>
    [Fact]
    public async Task Repeated_cookies_on_one_connection_are_filtered_every_time()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false }) { BaseAddress = host.BaseAddress };
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var (response, echoed) = await EchoFlows.GetAsync(client, ("Cookie", "mfa-session-bank=s; mfa-did=d; keep=1; DemoSession=abc"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("keep=1; DemoSession=abc", echoed!.Headers["Cookie"]);
        }
    }
}
