using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Web;

namespace MfaGateway.Sessions;

/// <summary>
/// A request to one of the app's LogoutPaths. The app may only drop its cookie from the browser and
/// keep honouring the value (stateless cookies do), so the gateway ends its side server-side: the
/// gateway session presented, and what the app session cookie proved. A saved copy of both is then
/// refused, and the copied app cookie is stripped, as for any app session the gateway never saw.
/// </summary>
public sealed class AppSignOut(GatewaySessionCookies sessionCookies, SessionBindingStore bindings, SessionTermination termination)
{
    public async Task SignOutAsync(HttpContext context, GatewayConfig config, ProtectedApp app, FormLoginSettings form, RequestDelegate next)
    {
        var cancellationToken = context.RequestAborted;
        // A repeated app cookie was never vouched for; the gateway session's own binding is forgotten below.
        if (CookieHeader.Find(context.Request.Headers.Cookie, form.SessionCookie, out var appSession) == CookiePresence.Once && !appSession.IsEmpty)
        {
            await bindings.ForgetAsync(app, SessionBinding.For(appSession), cancellationToken);
        }

        if (sessionCookies.Read(context, app, config.Session) is { } vouched)
        {
            // The session may have been re-bound since the app session presented here was issued.
            await bindings.ForgetAsync(app, vouched.Session.Binding, cancellationToken);
            await termination.EndSessionAsync(context, app, vouched.Session, cancellationToken);
        }

        sessionCookies.Delete(context, app, config.Session);
        await next(context);
    }
}
