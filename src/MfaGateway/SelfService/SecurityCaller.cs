using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Policies;
using MfaGateway.Sessions;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>The signed-in user of the security page, with the gateway session that vouches for them.</summary>
/// <param name="Policy">The app's sign-in policy: it decides whether the user may go without MFA and how many recovery codes they get.</param>
/// <param name="Session">
/// A live gateway session. <see cref="GatewaySession.MfaAt"/> is null only for a user with no factor whom
/// the policy lets go without MFA; such a session may not have been written as a cookie yet.
/// </param>
/// <param name="User">Null while the gateway has no record of the user (never challenged, never enrolled).</param>
public sealed record SecurityCaller(GatewayConfig Config, ProtectedApp App, RoutePolicy Policy, GatewaySession Session, UserRecord? User)
{
    /// <summary>Until when changes may be made without verifying again; null when the session has no MFA.</summary>
    public DateTimeOffset? ChangesAllowedUntil => Session.MfaAt + Config.SelfService.MaxAge;

    /// <summary>Whether the session's MFA is recent enough for a change (Gateway:SelfService:MaxAge).</summary>
    public bool IsFresh(DateTimeOffset now) => Session.MfaAt is { } at && now - at <= Config.SelfService.MaxAge;
}
