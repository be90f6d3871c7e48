using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// A real upstream on loopback Kestrel for proxy tests: echoes headers, hashes uploads while
/// streaming them, streams deterministic downloads, echoes WebSocket messages, and serves a JWKS.
/// </summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoUpstream(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    /// <summary>The issuer named in the OIDC discovery document at /.well-known/openid-configuration.</summary>
    public string OidcIssuer { get; set; } = "https://idp.example.test";

    /// <summary>The JSON served at /jwks.json; tests set it.</summary>
    public string Jwks { get; set; } = """{"keys":[]}""";

    public static async Task<EchoUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        EchoUpstream? self = null;
        app.UseWebSockets();
        app.MapMethods("/echo/headers", ["GET", "POST", "PUT", "DELETE"], (HttpContext context) => Results.Json(new EchoedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase))));
        app.MapPost("/echo/upload", async (HttpContext context) =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            return Results.Json(new UploadReceipt(total, Convert.ToHexString(hash.GetHashAndReset())));
        });
        app.MapGet("/echo/download", async (HttpContext context, long bytes, int seed) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = bytes;
            foreach (var chunk in DeterministicBytes.Chunks(bytes, seed))
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.Map("/echo/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted);
            }
        });
        app.MapGet("/jwks.json", () => Results.Content(self!.Jwks, "application/json"));
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = self!.OidcIssuer,
            ["jwks_uri"] = $"{self.BaseAddress}/jwks.json",
            ["response_types_supported"] = new[] { "id_token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new EchoUpstream(app, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record EchoedRequest(string Method, string Path, string? RemoteIp, Dictionary<string, string> Headers);

public sealed record UploadReceipt(long Length, string Sha256);

/// <summary>Bytes both sides can regenerate from a seed, so a transfer can be checked by hash.</summary>
public static class DeterministicBytes
{
    public static IEnumerable<byte[]> Chunks(long total, int seed, int chunkSize = 64 * 1024)
    {
        var random = new Random(seed);
        for (long sent = 0; sent < total; sent += chunkSize)
        {
            var chunk = new byte[(int)Math.Min(chunkSize, total - sent)];
            random.NextBytes(chunk);
            yield return chunk;
        }
    }

    public static string Sha256(long total, int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var chunk in Chunks(total, seed))
        {
            hash.AppendData(chunk);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
