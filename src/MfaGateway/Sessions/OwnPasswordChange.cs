using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Storage;

namespace MfaGateway.Sessions;

/// <summary>
/// After a password change every session of the user ends, because whoever knew the old password may
/// hold one. The exception is the session that made the change through the app's own form with a
/// fresh MFA (at most Gateway:SelfService:MaxAge old): that is the user, so it carries on, and the
/// redirect that follows the change is not challenged again. A changer whose MFA is older loses the
/// session like everyone else, but keeps their app session (they just proved the password): they
/// are challenged, not sent back to the login page.
/// </summary>
public sealed class OwnPasswordChange(SessionTermination termination, SessionBindingStore bindings, GatewayConfigMonitor configMonitor)
{
    /// <param name="changer">The session the change was made through (null when an administrator recorded it).</param>
    public async Task AfterChangeAsync(HttpContext? context, GatewaySession? changer, UserRecord user, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        const string Reason = "password changed";
        var config = configMonitor.Current;
        if (context is null
            || changer is null
            || !string.Equals(changer.User, user.UserName, StringComparison.Ordinal)
            || !config.Apps.TryGetValue(changer.App, out var app)
            || !string.Equals(app.Realm, user.Realm, StringComparison.Ordinal))
        {
            await termination.EndEverySessionAsync(context?.Origin(), user.Realm, user.UserName, Reason, cancellationToken);
            return;
        }

        if (changer.MfaAt is not { } mfaAt || changedAt - mfaAt > config.SelfService.MaxAge)
        {
            await termination.EndEverySessionAsync(context.Origin(), user.Realm, user.UserName, Reason, cancellationToken);
            await bindings.RememberAsync(app, changer.Binding, changer.User, changer.ExpiresAt - changedAt, cancellationToken);
            return;
        }

        var (kept, _) = await termination.EndEveryOtherSessionAsync(
            context, app, changer, Reason, session => session with { OwnPasswordChangeAt = changedAt }, cancellationToken);

        // Whatever else runs on this response (the app rotating its cookie) acts on the re-issued session.
        context.Features.Set(new VouchedSession(kept).Request);
    }
}
