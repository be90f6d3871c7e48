using System.Text.Json;
using MfaGateway.Storage;

namespace MfaGateway.Delivery.Sms;

/// <summary>
/// The demo's outbox: each text appended to a file as one JSON line, for a developer to read the code
/// from. Config validation refuses it outside the Development environment, since it would put every
/// code in a file instead of on a phone.
/// </summary>
public sealed class FileSmsSender(TimeProvider time)
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public async Task<DeliveryResult> SendAsync(SmsMessage message, string path, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new SmsWebhookBody(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), message.To, message.Body, time.GetUtcNow()), SmsWebhookJsonContext.Default.SmsWebhookBody);
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                OwnerOnlyFiles.CreateFile(path);
            }

            await File.AppendAllTextAsync(path, line + "\n", cancellationToken);
            return DeliveryResult.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DeliveryResult.Failed($"the SMS outbox file cannot be written: {ex.Message}", transient: true);
        }
        finally
        {
            _writing.Release();
        }
    }
}
