using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Sessions;
using MfaGateway.Web;

namespace MfaGateway.Identity;

/// <summary>
/// Works out who is making a request, per the app's identity source, and whether the gateway
/// session presented is valid for that identity. A valid session needs no store round trip.
/// </summary>
public sealed class IdentityResolver(
    GatewaySessionCookies sessionCookies,
    SessionBindingStore bindings,
    JwtIdentityValidator jwtValidator,
    TimeProvider time)
{
    public ValueTask<Identification> IdentifyAsync(HttpContext context, GatewayConfig config, ProtectedApp app) => app.Source switch
    {
        IdentitySourceKind.FormLogin => FromAppSessionAsync(context, config, app, app.FormLogin!),
        IdentitySourceKind.TrustedHeader => ValueTask.FromResult(FromTrustedHeader(context, config, app, app.TrustedHeader!)),
        _ => FromJwtAsync(context, config, app, app.Jwt!),
    };

    /// <summary>Synchronous when the gateway session is valid (the common case); the store is read only otherwise.</summary>
    private ValueTask<Identification> FromAppSessionAsync(HttpContext context, GatewayConfig config, ProtectedApp app, FormLoginSettings form)
    {
        switch (CookieHeader.Find(context.Request.Headers.Cookie, form.SessionCookie, out var appSession))
        {
            case CookiePresence.Repeated:
                return ValueTask.FromResult(Identification.Repeated(form.SessionCookie));
            case CookiePresence.Absent:
                return ValueTask.FromResult(Identification.Anonymous);
        }

        if (appSession.IsEmpty)
        {
            return ValueTask.FromResult(Identification.Anonymous);
        }

        var vouched = sessionCookies.Read(context, app, config.Session);
        if (vouched is not null && vouched.IsBoundTo(appSession))
        {
            // An expired session still names its user reliably (it decrypted and matches the app session).
            var session = vouched.Session;
            return ValueTask.FromResult(new Identification(IdentificationKind.Identified, session.User, session.Binding, IsLive(session) ? vouched : null));
        }

        return FromBindingStoreAsync(context, app, SessionBinding.For(appSession));
    }

    private async ValueTask<Identification> FromBindingStoreAsync(HttpContext context, ProtectedApp app, string binding)
    {
        var user = await bindings.FindUserAsync(app, binding, context.RequestAborted);
        return user is null
            ? Identification.UnknownAppSession
            : new Identification(IdentificationKind.Identified, user, binding);
    }

    private Identification FromTrustedHeader(HttpContext context, GatewayConfig config, ProtectedApp app, TrustedHeaderSettings header)
    {
        if (!header.TrustedNetworks.Contains(context.PeerAddress()))
        {
            return Identification.Anonymous; // the header is also stripped before proxying
        }

        // Two values, or a second spelling (X_Remote_User) a CGI stack reads as the same header: the app might pick either.
        var values = context.Request.Headers[header.Header];
        if (values.Count > 1 || HasOtherSpelling(context.Request.Headers, header.Header))
        {
            return Identification.Rejected($"the identity header {header.Header} was sent more than once");
        }

        var user = UserName.Normalize(values.ToString(), app.UserNameCase);
        if (user is null)
        {
            return Identification.Anonymous;
        }

        // One value only, like the user header: two could name two addresses.
        var email = header.EmailHeader is { } emailHeader && context.Request.Headers[emailHeader] is { Count: 1 } emails ? emails.ToString() : null;
        return Identified(context, config, app, user) with { Email = email };
    }

    private async ValueTask<Identification> FromJwtAsync(HttpContext context, GatewayConfig config, ProtectedApp app, JwtSettings jwt)
    {
        var (token, error) = JwtIdentityValidator.ReadToken(context.Request, jwt);
        if (error is not null)
        {
            return Identification.Rejected(error);
        }

        if (token is null)
        {
            return Identification.Anonymous;
        }

        var result = await jwtValidator.ValidateAsync(app, jwt, token, context.RequestAborted);
        return result.User is null ? Identification.Rejected(result.Error!) : Identified(context, config, app, result.User) with { Email = result.Email };
    }

    private Identification Identified(HttpContext context, GatewayConfig config, ProtectedApp app, string user)
    {
        var vouched = sessionCookies.Read(context, app, config.Session);
        var valid = vouched is not null && string.Equals(vouched.Session.User, user, StringComparison.Ordinal) && IsLive(vouched.Session);
        return new Identification(IdentificationKind.Identified, user, Vouched: valid ? vouched : null);
    }

    private static bool HasOtherSpelling(IHeaderDictionary headers, string name)
    {
        foreach (var header in headers)
        {
            if (!header.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && HeaderName.SameForStacks(header.Key, name))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsLive(GatewaySession session) => session.ExpiresAt > time.GetUtcNow();
}
