using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Sessions;
using MfaGateway.Storage;

namespace MfaGateway.Challenges;

public enum RegulationVerdict
{
    /// <summary>NIST SP 800-63B 5.2.2: too many consecutive wrong codes; an administrator must unlock.</summary>
    Locked,

    /// <summary>Too many wrong codes in a window from this user or client address: refused for a while.</summary>
    Banned,
}

public sealed record Regulated(RegulationVerdict Verdict, TimeSpan? RetryAfter = null);

/// <summary>
/// The limits on wrong codes, wherever a code is checked (a challenge, the security page): whether a
/// user may try at all, and what a wrong code costs the user and the client address.
/// </summary>
public sealed class CodeRegulation(IUserStore users, ClientBans clientBans, SessionTermination sessions, AuditLog audit, GatewayConfigMonitor config, TimeProvider time)
{
    /// <summary>Why the user cannot try now, or null when they can.</summary>
    public async Task<Regulated?> BlockedAsync(HttpContext context, UserRecord user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (user.ConsecutiveFailures >= config.Current.Challenge.MaxConsecutiveUserFailures)
        {
            return new Regulated(RegulationVerdict.Locked);
        }

        var until = user.IsBanned(now) ? user.BannedUntil : null;
        if (await clientBans.BannedUntilAsync(context.ClientAddress()?.ToString(), cancellationToken) is { } clientUntil && clientUntil > now && (until is null || clientUntil > until))
        {
            until = clientUntil;
        }

        return until is { } end ? new Regulated(RegulationVerdict.Banned, end - now) : null;
    }

    /// <summary>Counts a wrong code against the user and the client; returns the lock or ban it caused, if any.</summary>
    public async Task<Regulated?> RecordFailureAsync(HttpContext context, UserRecord user, CancellationToken cancellationToken)
    {
        var current = config.Current;
        var now = time.GetUtcNow();
        var counts = await users.RecordFailureAsync(user.Id, now, current.Regulation.User.Window, cancellationToken);
        if (counts.Consecutive >= current.Challenge.MaxConsecutiveUserFailures)
        {
            await audit.RecordAsync(context, user.Realm, user.UserName, AuditEventTypes.UserLocked, AuditOutcomes.Denied, ("consecutive_failures", counts.Consecutive.ToString(CultureInfo.InvariantCulture)));

            // Someone is guessing this user's codes: a session they hold (or stole) ends with the lock.
            await sessions.EndEverySessionAsync(context, user.Realm, user.UserName, "verification locked", cancellationToken);
            return new Regulated(RegulationVerdict.Locked);
        }

        if (current.Regulation.User.Enabled && counts.InWindow >= current.Regulation.User.MaxFailures)
        {
            var until = now + current.Regulation.User.BanTime;
            await users.BanAsync(user.Id, until, cancellationToken);
            await audit.RecordAsync(context, user.Realm, user.UserName, AuditEventTypes.UserBanned, AuditOutcomes.Denied, ("until", until.ToString("O", CultureInfo.InvariantCulture)));
            return new Regulated(RegulationVerdict.Banned, until - now);
        }

        if (await clientBans.RecordFailureAsync(context.ClientAddress()?.ToString(), current.Regulation.Client, cancellationToken) is { } clientUntil)
        {
            await audit.RecordAsync(context, user.Realm, user.UserName, AuditEventTypes.ClientBanned, AuditOutcomes.Denied, ("until", clientUntil.ToString("O", CultureInfo.InvariantCulture)));
            return new Regulated(RegulationVerdict.Banned, clientUntil - now);
        }

        return null;
    }
}
