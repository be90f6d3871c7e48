using System.Globalization;
using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Storage;

namespace MfaGateway.Sessions;

/// <summary>
/// Ends gateway sessions: every session of a user (all browsers, all API sessions, at their next
/// request) when something about their MFA or password changed, or one session when its user signs
/// out. Stored first, then applied in memory here; other processes pick it up from the store.
/// </summary>
public sealed partial class SessionTermination(
    ISessionEndStore store,
    EndedSessions ended,
    GatewaySessionCookies sessionCookies,
    SessionBindingStore bindings,
    AuditLog audit,
    GatewayConfigMonitor configMonitor,
    TimeProvider time,
    ILogger<SessionTermination> logger)
{
    /// <returns>The user's new session epoch: a session issued from now on carries it.</returns>
    public async Task<long> EndEverySessionAsync(RequestOrigin? origin, string realm, string user, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // Kept as long as a session issued just before could live; the epoch itself stays with the user.
        var end = await store.EndAllAsync(realm, user, now, now + configMonitor.Current.Session.Lifetime, cancellationToken);
        ended.Apply(end);
        await audit.RecordAsync(origin, realm, user, AuditEventTypes.SessionsEnded, AuditOutcomes.Success,
            ("reason", reason), ("epoch", end.Epoch.ToString(CultureInfo.InvariantCulture)));
        LogEverySessionEnded(logger, realm, user, reason);
        return end.Epoch;
    }

    /// <summary>
    /// Ends every session of the user except <paramref name="current"/>, the one that made the change
    /// with a fresh MFA: it is re-issued under the new epoch (with <paramref name="adjust"/> applied),
    /// written to the response and its app session binding kept.
    /// </summary>
    /// <returns>The re-issued session and its token (for API clients that send it as a header).</returns>
    public async Task<(GatewaySession Session, string Token)> EndEveryOtherSessionAsync(
        HttpContext context, ProtectedApp app, GatewaySession current, string reason, Func<GatewaySession, GatewaySession>? adjust, CancellationToken cancellationToken)
    {
        var epoch = await EndEverySessionAsync(context.Origin(), app.Realm, current.User, reason, cancellationToken);
        var kept = current with { Epoch = epoch };
        kept = adjust?.Invoke(kept) ?? kept;
        var config = configMonitor.Current;
        var token = sessionCookies.Write(context, app, config.Session, kept);
        var remaining = kept.ExpiresAt - time.GetUtcNow();
        if (kept.Binding.Length > 0 && remaining > TimeSpan.Zero)
        {
            await bindings.RememberAsync(app, kept.Binding, kept.User, remaining, cancellationToken);
        }

        return (kept, token);
    }

    /// <summary>Ends one session until it would have expired anyway.</summary>
    public async Task EndSessionAsync(HttpContext context, ProtectedApp app, GatewaySession session, CancellationToken cancellationToken)
    {
        var end = await store.EndOneAsync(app.Realm, session.User, session.Id, time.GetUtcNow(), session.ExpiresAt, cancellationToken);
        ended.Apply(end);
        await audit.RecordAsync(context.Origin(), app.Realm, session.User, AuditEventTypes.SessionSignedOut, AuditOutcomes.Success, ("app", app.Name));
        LogSessionEnded(logger, app.Name, session.User);
    }

    [LoggerMessage(EventId = EventIds.EverySessionEnded, Level = LogLevel.Information, Message = "Every session of {Realm}/{User} ended: {Reason}")]
    private static partial void LogEverySessionEnded(ILogger logger, string realm, string user, string reason);

    [LoggerMessage(EventId = EventIds.SessionSignedOut, Level = LogLevel.Information, Message = "{User} signed out of {App}; the gateway session and its app session binding ended")]
    private static partial void LogSessionEnded(ILogger logger, string app, string user);
}
