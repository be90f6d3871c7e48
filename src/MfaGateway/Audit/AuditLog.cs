using MfaGateway.Observability;
using MfaGateway.Networking;

namespace MfaGateway.Audit;

/// <summary>
/// Records security events with when, who, from where and the outcome, through the write queue. A
/// failure to write the audit log is logged (by the queue) and does not fail the user's request:
/// refusing every sign-in because the log is unavailable would turn an audit problem into an outage.
/// </summary>
public sealed partial class AuditLog(AuditWriteQueue queue, IEnumerable<IAuditObserver> observers, TimeProvider time, ILogger<AuditLog> logger)
{
    private readonly IAuditObserver[] _observers = [.. observers];

    private const int MaxUserAgentLength = 256;

    /// <param name="origin">Null for work no client asked for (an administrator's command line, start-up).</param>
    /// <remarks>
    /// Takes no CancellationToken on purpose: a client that hangs up must not be able to keep its
    /// failed codes or refused requests out of the log.
    /// </remarks>
    public Task RecordAsync(RequestOrigin? origin, string realm, string? user, string type, string outcome, params (string Key, string Value)[] detail) =>
        RecordAsync(realm, user, type, outcome, origin?.ClientAddress?.ToString(), origin?.UserAgent, detail);

    public async Task RecordAsync(string realm, string? user, string type, string outcome, string? clientIp, string? userAgent, params (string Key, string Value)[] detail)
    {
        var auditEvent = new AuditEvent(
            0,
            time.GetUtcNow(),
            realm,
            user,
            type,
            outcome,
            clientIp,
            string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
            detail.ToDictionary(d => d.Key, d => d.Value));
        await queue.EnqueueAsync(auditEvent);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.ObserveAsync(auditEvent);
            }
            catch (Exception ex)
            {
                // Whatever reacts to an event (a notification) must not fail the request that caused it.
                LogObserverFailed(logger, ex, observer.GetType().Name, auditEvent.Type);
            }
        }
    }

    [LoggerMessage(EventId = EventIds.AuditObserverFailed, Level = LogLevel.Error, Message = "{Observer} failed on audit event {Type}; the event itself was recorded")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, string observer, string type);
}
