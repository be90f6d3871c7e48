using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>A request as the fake received it: the exact path, the basic credentials and the form fields.</summary>
public sealed record ReceivedText(string Path, string? BasicUser, string? BasicPassword, IReadOnlyDictionary<string, string> Form)
{
    public string To => Form.GetValueOrDefault("To") ?? string.Empty;

    public string Body => Form.GetValueOrDefault("Body") ?? string.Empty;
}

/// <summary>A webhook call as received: the raw body and the signature headers.</summary>
public sealed record ReceivedWebhook(string Body, string? Timestamp, string? Signature);

/// <summary>
/// A loopback fake of Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, form body,
/// basic auth), answering 201 with a message resource as Twilio does, or 500 for numbers told to fail;
/// and a receiver for the generic SMS webhook. Started once per test run and shared, so every test
/// uses numbers of its own.
/// </summary>
public sealed class TwilioFake
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-auth-token-0123456789";
    public const string From = "+15005550006";

    private static readonly Lazy<Task<TwilioFake>> Instance = new(StartAsync);

    private readonly ConcurrentQueue<ReceivedText> _texts = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _webhooks = new();
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);

    private TwilioFake()
    {
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static Task<TwilioFake> SharedAsync() => Instance.Value;

    /// <summary>Messages to this number (or webhook calls carrying it) get a 500 until <see cref="Heal"/>.</summary>
    public void FailFor(string number) => _failing[number] = 500;

    public void Heal(string number) => _failing.TryRemove(number, out _);

    /// <param name="containing">Only texts with these words (a sign-in code's, a notification's); null for all.</param>
    public IReadOnlyList<ReceivedText> TextsTo(string number, string? containing = null) =>
        [.. _texts.Where(t => t.To == number && (containing is null || t.Body.Contains(containing, StringComparison.Ordinal)))];

    public IReadOnlyList<ReceivedWebhook> WebhooksFor(string number) => [.. _webhooks.Where(w => To(w.Body) == number)];

    /// <summary>Waits for the next text to <paramref name="number"/> beyond the <paramref name="seen"/> ones already looked at.</summary>
    public async Task<ReceivedText> NextTextToAsync(string number, int seen, TimeSpan? timeout = null, string? containing = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            var texts = TextsTo(number, containing);
            if (texts.Count > seen)
            {
                return texts[seen];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no text to {number} arrived (saw {seen})");
    }

    private static async Task<TwilioFake> StartAsync()
    {
        var fake = new TwilioFake();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", fake.MessagesAsync);
        app.MapPost("/sms-webhook", fake.WebhookAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseAddress = new Uri(address);
        return fake;
    }

    private async Task MessagesAsync(HttpContext context, string account)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var (user, password) = Basic(context.Request.Headers.Authorization.ToString());
        _texts.Enqueue(new ReceivedText(context.Request.Path.Value!, user, password, fields));
        var to = fields.GetValueOrDefault("To") ?? string.Empty;
        if (_failing.TryGetValue(to, out var status))
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code": 20500, "message": "Internal Server Error", "more_info": "https://www.twilio.com/docs/errors/20500", "status": 500}""");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        var sid = "SM" + Guid.NewGuid().ToString("N");
        await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = account,
            ["to"] = to,
            ["from"] = fields.GetValueOrDefault("From"),
            ["messaging_service_sid"] = fields.GetValueOrDefault("MessagingServiceSid"),
            ["body"] = fields.GetValueOrDefault("Body"),
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["uri"] = $"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
        }));
    }

    private async Task WebhookAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        _webhooks.Enqueue(new ReceivedWebhook(body, context.Request.Headers["X-MfaGateway-Timestamp"].ToString(), context.Request.Headers["X-MfaGateway-Signature"].ToString()));
        context.Response.StatusCode = _failing.ContainsKey(To(body) ?? string.Empty) ? 500 : 200;
    }

    private static string? To(string json)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("to").GetString();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static (string? User, string? Password) Basic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (decoded, null) : (decoded[..colon], decoded[(colon + 1)..]);
    }
}
