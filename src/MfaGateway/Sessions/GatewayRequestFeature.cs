namespace MfaGateway.Sessions;

/// <summary>
/// What the enforcement middleware settled about one proxied request, for the transforms that run
/// after it: how far the app's credentials may go, the identity the gateway vouches for, and the
/// login submission whose answer is to be watched. Set once per request; absent reads as
/// <see cref="Unvouched"/>, so what nobody decided is withheld. Instances are shared wherever they
/// can be (one per kind, one per vouched session), so setting it allocates nothing on the proxied path.
/// </summary>
public sealed class GatewayRequestFeature
{
    private GatewayRequestFeature(CredentialForwarding forwarding, UpstreamIdentity? upstream, LoginAttempt? login)
    {
        Forwarding = forwarding;
        Upstream = upstream;
        Login = login;
    }

    /// <summary>Nothing vouched for: no credential of the app goes along.</summary>
    public static GatewayRequestFeature Unvouched { get; } = new(CredentialForwarding.None, null, null);

    /// <summary>The app's login page or logout path: the tracked app session goes along (the app signs it out or shows its form), nothing else.</summary>
    public static GatewayRequestFeature IdentityPath { get; } = new(CredentialForwarding.SessionOnly, null, null);

    /// <summary>A Bypass route: the app sees what the client sent, minus gateway cookies and repeated credentials.</summary>
    public static GatewayRequestFeature Bypassed { get; } = new(CredentialForwarding.All, null, null);

    public CredentialForwarding Forwarding { get; }

    /// <summary>The identity the gateway vouches for; the identity headers are set from it.</summary>
    public UpstreamIdentity? Upstream { get; }

    /// <summary>The login submission on its way to the app, whose answer the login response transform reads.</summary>
    public LoginAttempt? Login { get; }

    /// <summary>A request forwarded as the user of <paramref name="upstream"/>; built once per session (see <see cref="VouchedSession.Request"/>).</summary>
    public static GatewayRequestFeature VouchedFor(UpstreamIdentity upstream) => new(CredentialForwarding.SessionOnly, upstream, null);

    /// <summary>A login submission: like the login page, plus the attempt whose answer is watched.</summary>
    public static GatewayRequestFeature ForLogin(LoginAttempt attempt) => new(CredentialForwarding.SessionOnly, null, attempt);

    public static GatewayRequestFeature Of(HttpContext context) => context.Features.Get<GatewayRequestFeature>() ?? Unvouched;
}
