using MfaGateway.Observability;
using MfaGateway.Audit;
using MfaGateway.Delivery;
using MfaGateway.Storage;

namespace MfaGateway.Notifications;

/// <summary>
/// Sends what waits in the outbox: woken when something is queued, and otherwise when the next retry
/// is due (on the injected clock, so tests drive it). A temporary failure waits, doubling each time; a
/// permanent one, or the last attempt, gives up (audited once as notification.failed). Each entry is
/// leased while it is sent, so two dispatchers never send one twice.
/// </summary>
public sealed partial class NotificationDispatcher(
    INotificationOutbox outbox,
    IEmailSender sender,
    ISmsSender texts,
    NotificationSeal seal,
    INotificationSettingsSource settings,
    NotificationSignal signal,
    AuditLog audit,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private const int Batch = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    /// <summary>Sends every entry due now; returns how many were claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await outbox.ClaimDueAsync(now, now + Lease, Batch, cancellationToken);
        foreach (var entry in claimed)
        {
            await SendAsync(entry, cancellationToken);
        }

        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                while (await DispatchDueAsync(stoppingToken) == Batch)
                {
                }

                if (await outbox.NextDueAsync(stoppingToken) is { } due)
                {
                    var until = due - time.GetUtcNow();
                    sleep = until < TimeSpan.Zero ? TimeSpan.FromSeconds(1) : until < LongestSleep ? until : LongestSleep;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
            }

            try
            {
                using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var timer = Task.Delay(sleep, time, woken.Token);
                await Task.WhenAny(signal.WaitAsync(woken.Token), timer);
                await woken.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var current = settings.Current;
        var result = entry.Channel == Notifier.SmsChannel
            ? seal.OpenSms(entry.SealedMessage) is { } text ? await texts.SendAsync(text, cancellationToken) : null
            : seal.Open(entry.SealedMessage) is { } message ? await sender.SendAsync(message, cancellationToken) : null;
        if (result is null)
        {
            await GiveUpAsync(entry, "the queued message does not open with this gateway's keys", cancellationToken);
            return;
        }

        if (result.Delivered)
        {
            await outbox.DeliveredAsync(entry.Id, time.GetUtcNow(), cancellationToken);
            return;
        }

        var problem = result.Problem ?? "not delivered";
        if (result.Transient && entry.Attempts < current.MaxAttempts)
        {
            var wait = current.WaitAfter(entry.Attempts);
            LogNotSent(logger, entry.Kind, entry.User, entry.Attempts, problem, wait);
            await outbox.RetryAsync(entry.Id, time.GetUtcNow() + wait, problem, cancellationToken);
            return;
        }

        await GiveUpAsync(entry, problem, cancellationToken);
    }

    private async Task GiveUpAsync(OutboxEntry entry, string problem, CancellationToken cancellationToken)
    {
        await outbox.GiveUpAsync(entry.Id, time.GetUtcNow(), problem, cancellationToken);
        LogGivenUp(logger, entry.Kind, entry.User, entry.Attempts, problem);
        await audit.RecordAsync(null, entry.Realm, entry.User, AuditEventTypes.NotificationFailed, AuditOutcomes.Failure,
            ("kind", entry.Kind), ("channel", entry.Channel), ("attempts", entry.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("reason", problem));
    }

    [LoggerMessage(EventId = EventIds.NotificationNotSent, Level = LogLevel.Warning, Message = "Notification {Kind} for {User} not sent (attempt {Attempt}): {Problem}; trying again in {Wait}")]
    private static partial void LogNotSent(ILogger logger, string kind, string user, int attempt, string problem, TimeSpan wait);

    [LoggerMessage(EventId = EventIds.NotificationGivenUp, Level = LogLevel.Error, Message = "Notification {Kind} for {User} given up after {Attempts} attempts: {Problem}")]
    private static partial void LogGivenUp(ILogger logger, string kind, string user, int attempts, string problem);

    [LoggerMessage(EventId = EventIds.NotificationDispatchFailed, Level = LogLevel.Error, Message = "The notification outbox could not be read; trying again shortly")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
