using System.Globalization;
using MfaGateway.Delivery.Email;
using MfaGateway.Notifications;
using MfaGateway.Storage;

namespace MfaGateway.Invitations;

/// <summary>
/// Sends the invitation through the notification outbox: written in the request that made it, sealed
/// (it holds the link), sent and retried by the dispatcher, so a mail server that is down loses nothing.
/// </summary>
public sealed class InvitationMailer(INotificationOutbox outbox, NotificationSeal seal, NotificationSignal signal, IEmailSettingsSource email, TimeProvider time)
{
    public const string Kind = "Invitation";

    /// <summary>False when no SMTP server is configured: the administrator hands the link over another way.</summary>
    public async Task<bool> QueueAsync(string realm, string user, string appName, string address, Uri link, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        if (email.Current is not { } settings)
        {
            return false;
        }

        var message = settings.Templates.Render(EmailTemplates.Invitation, address, new Dictionary<string, string>
        {
            ["link"] = link.AbsoluteUri,
            ["app"] = appName,
            ["user"] = user,
            ["expires"] = expires.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture),
        });
        var now = time.GetUtcNow();
        await outbox.EnqueueAsync(
            new OutboxEntry(Guid.CreateVersion7(now).ToString("N"), realm, user, Kind, Notifier.EmailChannel, seal.Seal(message), now, 0), now, cancellationToken);
        signal.Wake();
        return true;
    }
}
