using MfaGateway.Observability;
using System.Globalization;
using System.Text.Json;
using MfaGateway.Delivery;
using MfaGateway.Delivery.Email;
using MfaGateway.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.Notifications;

/// <summary>
/// Puts a notification into the durable outbox for the user's confirmed e-mail address, in the
/// request that caused it, and wakes the dispatcher. It never sends itself and never throws: a
/// store fault is logged and the sign-in goes on without the notification.
/// </summary>
public sealed partial class Notifier(
    IUserStore users,
    IUserContacts contacts,
    INotificationContent content,
    INotificationOutbox outbox,
    IEmailSettingsSource email,
    Delivery.Sms.ISmsSettingsSource sms,
    INotificationSettingsSource settings,
    NotificationSeal seal,
    NotificationSignal signal,
    TimeProvider time,
    ILogger<Notifier> logger)
{
    public const string EmailChannel = "email";
    public const string SmsChannel = "sms";

    public async Task NotifyAsync(Notification notification)
    {
        if (settings.Current.Off.Contains(notification.Kind) || (email.Current is null && sms.Current is null))
        {
            return;
        }

        try
        {
            if (await users.FindAsync(notification.Realm, notification.User, CancellationToken.None) is not { } user)
            {
                return;
            }

            // The confirmed address first; a confirmed number when there is none (or no SMTP server).
            var found = await contacts.FindAsync(user, CancellationToken.None);
            var (channel, sealedMessage) = (found.Email, found.Phone) switch
            {
                ({ } address, _) when email.Current is not null => (EmailChannel, seal.Seal(content.Email(notification, address))),
                (_, { } phone) when sms.Current is not null => (SmsChannel, seal.Seal(content.Sms(notification, phone))),
                _ => (null, null),
            };
            if (channel is null)
            {
                return;
            }

            var now = time.GetUtcNow();
            await outbox.EnqueueAsync(
                new OutboxEntry(Guid.CreateVersion7(now).ToString("N"), notification.Realm, notification.User, notification.Kind.ToString(), channel, sealedMessage!, now, 0),
                now,
                CancellationToken.None);
            signal.Wake();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotQueued(logger, ex, notification.Kind, notification.User);
        }
    }

    [LoggerMessage(EventId = EventIds.NotificationNotQueued, Level = LogLevel.Error, Message = "Notification {Kind} for {User} could not be queued; the request that caused it goes on")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, NotificationKind kind, string user);
}

/// <summary>Outbox messages hold the user's address: sealed with Data Protection while they wait.</summary>
public sealed class NotificationSeal(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.Notifications.Outbox.v1");

    public byte[] Seal(EmailMessage message) =>
        _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(message, NotificationJsonContext.Default.EmailMessage));

    public byte[] Seal(SmsMessage message) =>
        _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(message, NotificationJsonContext.Default.SmsMessage));

    /// <summary>Null when the row does not open (another key ring, or changed).</summary>
    public EmailMessage? Open(byte[] sealedMessage) => Open(sealedMessage, NotificationJsonContext.Default.EmailMessage);

    public SmsMessage? OpenSms(byte[] sealedMessage) => Open(sealedMessage, NotificationJsonContext.Default.SmsMessage);

    private T? Open<T>(byte[] sealedMessage, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(sealedMessage), type);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(EmailMessage))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SmsMessage))]
internal sealed partial class NotificationJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
