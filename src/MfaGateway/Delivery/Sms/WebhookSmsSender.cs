using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaGateway.Delivery.Sms;

/// <summary>What the webhook receives, as JSON.</summary>
public sealed record SmsWebhookBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("created")] DateTimeOffset Created);

[JsonSerializable(typeof(SmsWebhookBody))]
internal sealed partial class SmsWebhookJsonContext : JsonSerializerContext;

/// <summary>
/// Texts through the operator's own gateway: a JSON POST to an HTTPS endpoint, signed so the receiver
/// can tell it from a forgery and a replay: X-MfaGateway-Timestamp (Unix seconds) and
/// X-MfaGateway-Signature "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body). 2xx is delivered;
/// 5xx, 429 and network faults may be retried; other answers may not.
/// </summary>
public sealed class WebhookSmsSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "sms-webhook";
    public const string TimestampHeader = "X-MfaGateway-Timestamp";
    public const string SignatureHeader = "X-MfaGateway-Signature";

    public async Task<DeliveryResult> SendAsync(SmsMessage message, SmsWebhookSettings webhook, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var body = JsonSerializer.Serialize(new SmsWebhookBody(Guid.CreateVersion7(now).ToString("N"), message.To, message.Body, now), SmsWebhookJsonContext.Default.SmsWebhookBody);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(webhook.Secret, timestamp, body));

        var http = clients.CreateClient(ClientName);
        http.Timeout = timeout;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? DeliveryResult.Ok
                : DeliveryResult.Failed($"the SMS webhook answered {status}", transient: status >= 500 || status == 429);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return DeliveryResult.Failed("the SMS webhook could not be reached in time", transient: true);
        }
    }

    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
