using MfaGateway.Configuration;
using MfaGateway.Observability;
using MfaGateway.Sessions;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Identity;

/// <summary>
/// Follows the app's session cookie after login. Apps rotate it (sliding expiration, password
/// change): when that happens on a request the gateway vouched for, the new app session belongs to
/// the same user, so the gateway session is re-bound to it instead of the user being signed out.
/// When the app deletes its session cookie (its own logout), the gateway session goes too.
/// </summary>
public sealed partial class AppSessionTracker(
    GatewayConfigMonitor configMonitor,
    GatewaySessionCookies sessionCookies,
    SessionBindingStore bindings,
    EndedSessions ended,
    TimeProvider time,
    ILogger<AppSessionTracker> logger)
{
    public async Task OnResponseAsync(HttpContext context, GatewaySession vouched)
    {
        // A password change may have re-issued the session on this very response: follow that one.
        vouched = GatewayRequestFeature.Of(context).Upstream?.Session ?? vouched;
        var config = configMonitor.Current;
        if (!config.Apps.TryGetValue(vouched.App, out var app) || app.FormLogin is not { } form)
        {
            return;
        }

        var setCookies = context.Response.Headers.SetCookie.Where(c => c is not null).Select(c => c!).ToList();
        if (!setCookies.Any(c => SetCookieHeaderValue.TryParse(c, out var cookie) && cookie.Name.Equals(form.SessionCookie, StringComparison.Ordinal)))
        {
            return;
        }

        var newValue = AppResponses.FindCookie(setCookies, form.SessionCookie, time.GetUtcNow());
        if (newValue is null)
        {
            sessionCookies.Delete(context, app, config.Session);
            await bindings.ForgetAsync(app, vouched.Binding, context.RequestAborted);
            return;
        }

        var binding = SessionBinding.For(newValue);
        if (SessionBinding.Matches(vouched.Binding, binding))
        {
            return;
        }

        var remaining = vouched.ExpiresAt - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        if (ended.IsEnded(app.Realm, vouched))
        {
            // Ended on this very request (a password change without a fresh MFA): no gateway session is
            // carried over, but an app session the gateway still knows (the changer's) keeps its user.
            if (await bindings.FindUserAsync(app, vouched.Binding, context.RequestAborted) == vouched.User)
            {
                await bindings.RememberAsync(app, binding, vouched.User, remaining, context.RequestAborted);
            }

            return;
        }

        await bindings.RememberAsync(app, binding, vouched.User, remaining, context.RequestAborted);
        sessionCookies.Write(context, app, config.Session, vouched with { Binding = binding });
        LogRebound(logger, app.Name, vouched.User);
    }

    [LoggerMessage(EventId = EventIds.AppSessionRebound, Level = LogLevel.Debug, Message = "App {App} rotated the session of {User}; gateway session re-bound")]
    private static partial void LogRebound(ILogger logger, string app, string user);
}
