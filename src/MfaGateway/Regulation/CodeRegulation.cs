using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Storage;

namespace MfaGateway.Regulation;

/// <summary>
/// The limits on wrong codes, wherever a code is checked (a challenge, the security page). Every
/// attempt is counted against the user and the client address before its code is checked, in one
/// atomic step per counter that refuses to count past a limit: N parallel attempts against a limit
/// of L check at most L codes. A right code (or an answer that was not a code) gives its count back.
/// </summary>
public sealed partial class CodeRegulation(
    IUserStore users,
    IClientRegulationStore clients,
    Sessions.SessionTermination sessions,
    AuditLog audit,
    GatewayConfigMonitor config,
    TimeProvider time,
    ILogger<CodeRegulation> logger)
{
    /// <summary>Why the user cannot try now, or null when they can. Reads only: for pages that show the state.</summary>
    public async Task<Regulated?> BlockedAsync(RequestOrigin origin, UserRecord user, CancellationToken cancellationToken)
    {
        var current = config.Current;
        var now = time.GetUtcNow();
        if (user.ConsecutiveFailures >= current.Challenge.MaxConsecutiveUserFailures)
        {
            return new Regulated(RegulationVerdict.Locked);
        }

        var until = user.IsBanned(now) ? user.BannedUntil : null;
        if (ClientOf(origin) is { } client && await clients.BannedUntilAsync(client, now, cancellationToken) is { } clientUntil && (until is null || clientUntil > until))
        {
            until = clientUntil;
        }

        return until is { } end ? new Regulated(RegulationVerdict.Banned, end - now) : null;
    }

    /// <summary>Counts the attempt before its code is checked; check the code only when <see cref="AttemptReservation.Refused"/> is null.</summary>
    public async Task<AttemptReservation> ReserveAsync(RequestOrigin origin, UserRecord user, CancellationToken cancellationToken)
    {
        var current = config.Current;
        var now = time.GetUtcNow();
        var userLimit = current.Regulation.User;
        var userCounts = await users.CountAttemptAsync(
            user.Id, now, userLimit.Window, userLimit.Enabled ? userLimit.MaxFailures : int.MaxValue, current.Challenge.MaxConsecutiveUserFailures, cancellationToken);
        if (userCounts is null)
        {
            return await RefuseAsync(origin, user, null, cancellationToken);
        }

        var client = ClientOf(origin);
        var clientLimit = current.Regulation.Client;
        int? clientCount = null;
        if (client is not null && clientLimit.Enabled)
        {
            clientCount = await clients.CountAttemptAsync(client, user.Id, now, clientLimit.Window, clientLimit.MaxFailures, cancellationToken);
            if (clientCount is null)
            {
                await users.ReleaseAttemptAsync(user.Id, cancellationToken);
                return await RefuseAsync(origin, user, client, cancellationToken);
            }
        }

        return new AttemptReservation(user, client, userCounts, clientCount, null);
    }

    /// <summary>The code was wrong: the counts stand; returns the lock or ban this attempt reached, if any.</summary>
    public async Task<Regulated?> FailedAsync(RequestOrigin origin, AttemptReservation attempt, CancellationToken cancellationToken)
    {
        if (!attempt.TrySettle())
        {
            return attempt.Refused;
        }

        var current = config.Current;
        var now = time.GetUtcNow();
        var user = attempt.User;
        var counts = attempt.UserCounts!;
        if (counts.Consecutive >= current.Challenge.MaxConsecutiveUserFailures)
        {
            await audit.RecordAsync(origin, user.Realm, user.UserName, AuditEventTypes.UserLocked, AuditOutcomes.Denied, ("consecutive_failures", counts.Consecutive.ToString(CultureInfo.InvariantCulture)));

            // Someone is guessing this user's codes: a session they hold (or stole) ends with the lock.
            await sessions.EndEverySessionAsync(origin, user.Realm, user.UserName, "verification locked", cancellationToken);
            return new Regulated(RegulationVerdict.Locked);
        }

        // Both limits are looked at: an address that reached its limit with this user's last code is
        // banned too, or it would stay blocked without a ban that an unlock could lift.
        Regulated? regulated = null;
        var userLimit = current.Regulation.User;
        if (userLimit.Enabled && counts.InWindow >= userLimit.MaxFailures)
        {
            var until = now + userLimit.BanTime;
            await users.BanAsync(user.Id, until, cancellationToken);
            await audit.RecordAsync(origin, user.Realm, user.UserName, AuditEventTypes.UserBanned, AuditOutcomes.Denied, ("until", until.ToString("O", CultureInfo.InvariantCulture)));
            regulated = new Regulated(RegulationVerdict.Banned, until - now);
        }

        var clientLimit = current.Regulation.Client;
        if (attempt is { Client: { } client, ClientCount: { } clientCount } && clientLimit.Enabled && clientCount >= clientLimit.MaxFailures)
        {
            var until = now + clientLimit.BanTime;
            await clients.BanAsync(client, until, cancellationToken);
            await audit.RecordAsync(origin, user.Realm, user.UserName, AuditEventTypes.ClientBanned, AuditOutcomes.Denied, ("until", until.ToString("O", CultureInfo.InvariantCulture)));
            if (regulated is null || until - now > regulated.RetryAfter)
            {
                regulated = new Regulated(RegulationVerdict.Banned, until - now);
            }
        }

        return regulated;
    }

    /// <summary>The code was right: the user's failures are forgiven and the address gets its count back.</summary>
    public async Task SucceededAsync(AttemptReservation attempt, CancellationToken cancellationToken)
    {
        if (!attempt.TrySettle())
        {
            return;
        }

        await users.ResetFailuresAsync(attempt.User.Id, cancellationToken);
        await ReleaseClientAsync(attempt, cancellationToken);
    }

    /// <summary>The answer was not a code that could be wrong (no such factor, nothing typed): both counts given back.</summary>
    public async Task ReleaseAsync(AttemptReservation attempt, CancellationToken cancellationToken)
    {
        if (!attempt.TrySettle())
        {
            return;
        }

        await users.ReleaseAttemptAsync(attempt.User.Id, cancellationToken);
        await ReleaseClientAsync(attempt, cancellationToken);
    }

    /// <summary>
    /// An administrator's unlock: clears the user's consecutive and windowed failure counts and lifts
    /// their ban, and the bans of the client addresses they tried codes from: otherwise the user,
    /// unlocked, would still be refused from their own address until its ban ran out.
    /// </summary>
    /// <returns>The addresses whose ban was lifted.</returns>
    public async Task<IReadOnlyList<string>> UnlockAsync(UserRecord user, CancellationToken cancellationToken)
    {
        await users.UnlockAsync(user.Id, cancellationToken);
        return await clients.LiftForUserAsync(user.Id, time.GetUtcNow(), cancellationToken);
    }

    private async Task ReleaseClientAsync(AttemptReservation attempt, CancellationToken cancellationToken)
    {
        if (attempt is { Client: { } client, ClientCount: not null })
        {
            await clients.ReleaseAttemptAsync(client, cancellationToken);
        }
    }

    /// <summary>
    /// A refused attempt was not counted. What it says comes from the stored state; a limit reached
    /// only by attempts still being checked has no ban yet, so the answer is the ban it would start.
    /// </summary>
    private async Task<AttemptReservation> RefuseAsync(RequestOrigin origin, UserRecord user, string? client, CancellationToken cancellationToken)
    {
        var current = await users.FindAsync(user.Realm, user.UserName, cancellationToken) ?? user;
        var regulated = await BlockedAsync(origin, current, cancellationToken)
            ?? new Regulated(RegulationVerdict.Banned, client is null ? config.Current.Regulation.User.BanTime : config.Current.Regulation.Client.BanTime);
        LogAttemptRefused(logger, user.UserName, user.Realm, client ?? ClientOf(origin), regulated.Verdict);
        return new AttemptReservation(current, client, null, null, regulated);
    }

    private static string? ClientOf(RequestOrigin origin) => origin.ClientAddress?.ToString();

    [LoggerMessage(EventId = EventIds.CodeAttemptRefused, Level = LogLevel.Warning, Message = "Code attempt for {User} of realm {Realm} from {Client} refused before checking: {Verdict}")]
    private static partial void LogAttemptRefused(ILogger logger, string user, string realm, string? client, RegulationVerdict verdict);
}
