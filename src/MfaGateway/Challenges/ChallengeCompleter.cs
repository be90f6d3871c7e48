using MfaGateway.Configuration;
using MfaGateway.Sessions;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Challenges;

/// <summary>What happens after a passed challenge, for pages and API alike.</summary>
/// <param name="NextUrl">Where the user continues: the app's withheld redirect, or the page that asked for MFA.</param>
public sealed record CompletedChallenge(string SessionToken, GatewaySession Session, string NextUrl, PreservedForm? Form);

/// <summary>
/// Issues the gateway session for a passed challenge and releases what was held back: the app's
/// own Set-Cookie headers from the login, so the app session starts only now.
/// </summary>
public sealed class ChallengeCompleter(GatewaySessionCookies sessionCookies, GatewayConfigMonitor configMonitor, TimeProvider time)
{
    /// <returns>Null when the challenge's app no longer exists (removed by a config reload).</returns>
    public CompletedChallenge? Complete(HttpContext context, PendingChallenge challenge, string factorType)
    {
        var config = configMonitor.Current;
        if (!config.Apps.TryGetValue(challenge.App, out var app))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = new GatewaySession(app.Name, challenge.User, [factorType], now, now, now + config.Session.Lifetime, challenge.SessionBinding);
        var token = sessionCookies.Write(context, app, config.Session, session);
        foreach (var setCookie in challenge.HeldBack?.SetCookies ?? [])
        {
            context.Response.Headers.Append(HeaderNames.SetCookie, setCookie);
        }

        ChallengeCookie.Delete(context);
        return new CompletedChallenge(token, session, challenge.HeldBack?.Location ?? challenge.ReturnUrl, challenge.Form);
    }
}
