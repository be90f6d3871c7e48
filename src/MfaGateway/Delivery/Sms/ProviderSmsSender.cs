namespace MfaGateway.Delivery.Sms;

/// <summary>Sends each text through the provider Gateway:Sms names now (a reload may change it).</summary>
public sealed class ProviderSmsSender(ISmsSettingsSource settings, TwilioSmsSender twilio, WebhookSmsSender webhook, FileSmsSender file) : ISmsSender
{
    public Task<DeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) => settings.Current switch
    {
        null => Task.FromResult(DeliveryResult.Failed("SMS is not configured (Gateway:Sms)", transient: false)),
        { Provider: SmsProvider.Twilio, Twilio: { } account } current => twilio.SendAsync(message, account, current.Timeout, cancellationToken),
        { Provider: SmsProvider.Webhook, Webhook: { } hook } current => webhook.SendAsync(message, hook, current.Timeout, cancellationToken),
        { Provider: SmsProvider.File, FilePath: { } path } => file.SendAsync(message, path, cancellationToken),
        _ => Task.FromResult(DeliveryResult.Failed("the SMS provider is not fully configured", transient: false)),
    };
}
