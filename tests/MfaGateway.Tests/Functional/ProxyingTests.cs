using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// The gateway as a reverse proxy: bodies and WebSockets stream through unchanged, forwarding and
/// identity headers are the gateway's own and never the client's, and what the gateway refuses or
/// owns never reaches an upstream.
/// </summary>
public sealed class ProxyingTests
{
    private const long LargeBody = 64L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] SpoofedIdentityHeaders = ["X-Mfa-User", "X-Mfa-Factors", "X-Mfa-Authenticated-At", "X-Mfa-Session"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Large_upload_streams_through_a_bypass_route_unchanged(bool withContentLength)
    {
        const int seed = 11;
        await using var host = await GatewayTestHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var content = new DeterministicContent(LargeBody, seed, withContentLength);

        using var response = await client.PostAsync("/echo/upload", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<UploadReceipt>(Json);
        Assert.Equal(LargeBody, receipt!.Length);
        Assert.Equal(DeterministicBytes.Sha256(LargeBody, seed), receipt.Sha256);
    }

    [Fact]
    public async Task Large_download_streams_through_a_bypass_route_unchanged()
    {
        const int seed = 23;
        await using var host = await GatewayTestHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        using var response = await client.GetAsync($"/echo/download?bytes={LargeBody}&seed={seed}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LargeBody, response.Content.Headers.ContentLength);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        Assert.Equal(LargeBody, total);
        Assert.Equal(DeterministicBytes.Sha256(LargeBody, seed), Convert.ToHexString(hash.GetHashAndReset()));
    }

    [Fact]
    public async Task WebSocket_echo_works_through_the_gateway_and_closes_cleanly()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var cancel = timeout.Token;
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/echo/ws" }.Uri, cancel);
        Assert.Equal(WebSocketState.Open, socket.State);

        var text = "hello through the gateway ✓";
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancel);
        var (textType, textEcho) = await ReceiveMessageAsync(socket, cancel);
        Assert.Equal(WebSocketMessageType.Text, textType);
        Assert.Equal(text, Encoding.UTF8.GetString(textEcho));

        // Larger than the echo's 64 KiB buffer, so it comes back in several frames.
        byte[] binary = [.. DeterministicBytes.Chunks(200_000, seed: 5).SelectMany(chunk => chunk)];
        await socket.SendAsync(binary, WebSocketMessageType.Binary, endOfMessage: true, cancel);
        var (binaryType, binaryEcho) = await ReceiveMessageAsync(socket, cancel);
        Assert.Equal(WebSocketMessageType.Binary, binaryType);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(binary)), Convert.ToHexString(SHA256.HashData(binaryEcho)));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancel);
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal("bye", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_client_are_replaced_by_the_gateway()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("X-Forwarded-For", "6.6.6.6"), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", echoed!.Headers["X-Forwarded-For"]);
        Assert.Equal(host.BaseAddress.Authority, echoed.Headers["X-Forwarded-Host"]);
        Assert.Equal("http", echoed.Headers["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_trusted_proxy_are_believed_and_passed_on()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1/32"));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Host", "bank.example"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("203.0.113.9", echoed!.Headers["X-Forwarded-For"]);
        Assert.Equal("bank.example", echoed.Headers["X-Forwarded-Host"]);
        Assert.Equal("https", echoed.Headers["X-Forwarded-Proto"]);

        // Left of the first untrusted hop is only that client's claim: the upstream is told the hop itself.
        var (_, chained) = await GetEchoAsync(client, ("X-Forwarded-For", "6.6.6.6, 203.0.113.9"));
        Assert.Equal("203.0.113.9", chained!.Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task Network_rule_applies_to_the_client_named_by_a_trusted_proxy()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1/32");
            BlockNetwork(config, "203.0.113.0/24");
        });
        using var client = ApiClient(host);

        var (blocked, _) = await GetEchoAsync(client, ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(ErrorCodes.AccessDenied, (await ReadJsonAsync(blocked))["error"]!.GetValue<string>());

        var (allowed, echoed) = await GetEchoAsync(client);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("127.0.0.1", echoed!.Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task Network_rule_ignores_a_client_sent_forwarded_for_without_trusted_proxies()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => BlockNetwork(config, "203.0.113.0/24"));
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", echoed!.Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task Spoofed_identity_headers_never_reach_the_upstream_on_a_bypass_route()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = ApiClient(host);

        var (response, echoed) = await GetEchoAsync(client, SpoofedIdentity());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoneOf(echoed!, SpoofedIdentityHeaders);
    }

    [Fact]
    public async Task Spoofed_identity_headers_are_replaced_by_the_gateway_on_an_identified_route()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Apps"]!["api"] = new JsonObject
            {
                ["Routes"] = new JsonArray("echo"),
                ["Identity"] = new JsonObject
                {
                    ["Source"] = "TrustedHeader",
                    ["TrustedHeader"] = new JsonObject { ["Header"] = "X-Forwarded-User", ["TrustedNetworks"] = new JsonArray("127.0.0.1/32") },
                },
            };
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "optional";
        });
        using var client = ApiClient(host);

        var (identified, echoed) = await GetEchoAsync(client, [("X-Forwarded-User", "alice"), .. SpoofedIdentity()]);
        Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
        Assert.Equal("alice", echoed!.Headers["X-Mfa-User"]);
        Assert.DoesNotContain("totp", echoed.Headers.GetValueOrDefault("X-Mfa-Factors") ?? string.Empty, StringComparison.Ordinal);
        AssertNoneOf(echoed, ["X-Mfa-Authenticated-At", "X-Mfa-Session"]);

        var (anonymous, anonymousEcho) = await GetEchoAsync(client, SpoofedIdentity());
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        AssertNoneOf(anonymousEcho!, SpoofedIdentityHeaders);
    }

    [Fact]
    public async Task Deny_policy_answers_403_to_browsers_and_api_clients_without_calling_the_upstream()
    {
        await using var upstream = await CountingUpstream.StartAsync();
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseAsBankUpstream(config, upstream));
        using var browser = host.NewBrowser();
        using var api = ApiClient(host);

        var page = await browser.GetAsync("/admin/x");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>Access denied</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var json = await api.GetAsync("/admin/x");
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Equal(ErrorCodes.AccessDenied, (await ReadJsonAsync(json))["error"]!.GetValue<string>());

        var post = await api.PostAsync("/admin/users/delete", JsonContent.Create(new { user = "bob" }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        // The upstream is reachable: only the control request got there.
        var control = await browser.GetAsync("/public/control");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(["/public/control"], upstream.Paths);
    }

    [Theory]
    [InlineData("/.mfa")]
    [InlineData("/.mfa/nope")]
    [InlineData("/.mfa/nope/deeper?x=1")]
    [InlineData("/.mfa/api/nope")]
    [InlineData("/.MFA/Nope")]
    public async Task Unknown_path_under_the_gateway_prefix_is_404_and_never_proxied(string path)
    {
        await using var upstream = await CountingUpstream.StartAsync();
        await using var host = await GatewayTestHost.StartAsync((config, _) => UseAsBankUpstream(config, upstream));
        using var browser = host.NewBrowser();

        var response = await browser.GetAsync(path);
        var post = await browser.PostFormAsync(path, [new("field", "value")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var control = await browser.GetAsync("/public/control");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(["/public/control"], upstream.Paths);
    }

    private static (string Name, string Value)[] SpoofedIdentity() =>
    [
        ("X-Mfa-User", "admin"),
        ("X-Mfa-Factors", "totp"),
        ("X-Mfa-Authenticated-At", "2020-01-01T00:00:00Z"),
        ("X-Mfa-Session", "forged-session"),
    ];

    private static void AssertNoneOf(EchoedRequest echoed, IEnumerable<string> headers)
    {
        foreach (var header in headers)
        {
            Assert.False(echoed.Headers.ContainsKey(header), $"{header}: {echoed.Headers.GetValueOrDefault(header)} reached the upstream");
        }
    }

    /// <summary>A first rule sending clients of <paramref name="network"/> to the Deny policy.</summary>
    private static void BlockNetwork(JsonObject config, string network) =>
        config["Gateway"]!["Rules"]!.AsArray().Insert(0, new JsonObject
        {
            ["Name"] = "blocked network",
            ["Networks"] = new JsonArray(network),
            ["Policy"] = "blocked",
        });

    private static void UseAsBankUpstream(JsonObject config, CountingUpstream upstream) =>
        config["ReverseProxy"]!["Clusters"]!["bank"]!["Destinations"]!["demo"]!["Address"] = upstream.BaseAddress;

    private static HttpClient ApiClient(GatewayTestHost host) => EchoFlows.ApiClient(host);

    private static Task<(HttpResponseMessage Response, EchoedRequest? Echoed)> GetEchoAsync(HttpClient client, params (string Name, string Value)[] headers) =>
        EchoFlows.GetAsync(client, headers);

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveMessageAsync(WebSocket socket, CancellationToken cancel)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancel);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>A request body generated while it is sent, so 64 MiB never sits in the test's memory.</summary>
    private sealed class DeterministicContent : HttpContent
    {
        private readonly long _length;
        private readonly int _seed;
        private readonly bool _announceLength;

        public DeterministicContent(long length, int seed, bool announceLength)
        {
            _length = length;
            _seed = seed;
            _announceLength = announceLength;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var chunk in DeterministicBytes.Chunks(_length, _seed))
            {
                await stream.WriteAsync(chunk);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            // Without a length the client sends the body chunked.
            length = _length;
            return _announceLength;
        }
    }

    /// <summary>An upstream that records every request it receives, to prove which ones never got there.</summary>
    private sealed class CountingUpstream : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<string> _paths;

        private CountingUpstream(WebApplication app, ConcurrentQueue<string> paths, string baseAddress)
        {
            _app = app;
            _paths = paths;
            BaseAddress = baseAddress;
        }

        public string BaseAddress { get; }

        public string[] Paths => [.. _paths];

        public static async Task<CountingUpstream> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var paths = new ConcurrentQueue<string>();
            app.Run(context =>
            {
                paths.Enqueue(context.Request.Path + context.Request.QueryString);
                return context.Response.WriteAsync("from the upstream", context.RequestAborted);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new CountingUpstream(app, paths, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
