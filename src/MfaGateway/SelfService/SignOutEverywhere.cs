using MfaGateway.Networking;
using MfaGateway.Sessions;

namespace MfaGateway.SelfService;

/// <summary>
/// "Sign out everywhere": every gateway session of the user ends (all browsers, all API sessions),
/// this one included, and the app sessions behind them must sign in again. It only takes access
/// away, so a signed-in session is enough; no fresh MFA is asked.
/// </summary>
public sealed class SignOutEverywhere(SessionTermination sessions, GatewaySessionCookies sessionCookies)
{
    public async Task<ChangeOutcome> EndAsync(HttpContext context, SecurityCaller caller)
    {
        await sessions.EndEverySessionAsync(context.Origin(), caller.App.Realm, caller.Session.User, "signed out everywhere by the user", context.RequestAborted);
        sessionCookies.Delete(context, caller.App, caller.Config.Session);
        return ChangeOutcome.Done with { SessionEnded = true };
    }
}
