using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Proxy;
using MfaGateway.Sessions;

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
        if (!CookieHeader.TryGetValue(context.Request.Headers.Cookie, form.SessionCookie, out var appSession) || appSession.IsEmpty)
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

        var user = UserName.Normalize(context.Request.Headers[header.Header].ToString());
        return user is null ? Identification.Anonymous : Identified(context, config, app, user);
    }

    private async ValueTask<Identification> FromJwtAsync(HttpContext context, GatewayConfig config, ProtectedApp app, JwtSettings jwt)
    {
        var token = JwtIdentityValidator.ReadToken(context.Request, jwt);
        if (token is null)
        {
            return Identification.Anonymous;
        }

        var result = await jwtValidator.ValidateAsync(app, jwt, token, context.RequestAborted);
        return result.User is null ? Identification.Rejected(result.Error!) : Identified(context, config, app, result.User);
    }

    private Identification Identified(HttpContext context, GatewayConfig config, ProtectedApp app, string user)
    {
        var vouched = sessionCookies.Read(context, app, config.Session);
        var valid = vouched is not null && string.Equals(vouched.Session.User, user, StringComparison.Ordinal) && IsLive(vouched.Session);
        return new Identification(IdentificationKind.Identified, user, Vouched: valid ? vouched : null);
    }

    private bool IsLive(GatewaySession session) => session.ExpiresAt > time.GetUtcNow();
}
