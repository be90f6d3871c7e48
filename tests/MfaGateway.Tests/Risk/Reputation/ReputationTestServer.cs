using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Risk.Reputation;

/// <summary>
/// A reputation service on loopback Kestrel. GET /check/{ip} answers whatever <see cref="Respond"/>
/// says; every request is counted per address so tests can see what was (not) sent.
/// </summary>
public sealed class ReputationTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReputationTestServer(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    /// <summary>Every address asked about, in order (as the server saw it in the path).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentDictionary<string, string> ReceivedHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Status and JSON body for an address.</summary>
    public Func<string, (int Status, string Body)> Respond { get; set; } = _ => (200, """{"score":0}""");

    /// <summary>Requests wait on this before answering when <see cref="HoldAnswers"/> is set.</summary>
    public SemaphoreSlim Gate { get; } = new(0);

    public bool HoldAnswers { get; set; }

    /// <summary>Released when a request has arrived, for tests that act while it is held.</summary>
    public SemaphoreSlim Arrived { get; } = new(0);

    public string UrlTemplate => BaseAddress + "/check/{ip}";

    public int CountFor(string address) => Requests.Count(r => r == address);

    public static async Task<ReputationTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ReputationTestServer? self = null;
        app.MapGet("/check/{ip}", async (HttpContext context, string ip) =>
        {
            var server = self!;
            server.Requests.Enqueue(ip);
            foreach (var header in context.Request.Headers)
            {
                server.ReceivedHeaders[header.Key] = header.Value.ToString();
            }

            server.Arrived.Release();
            if (server.HoldAnswers)
            {
                try
                {
                    await server.Gate.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var (status, body) = server.Respond(ip);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self = new ReputationTestServer(app, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        Gate.Release(1000);
        await _app.DisposeAsync();
        Gate.Dispose();
        Arrived.Dispose();
    }
}
