using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Identity;
using MfaGateway.Policies;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;

namespace MfaGateway.SelfService;

/// <summary>
/// Finds the gateway session behind a security-page request, the way the verify page does: each app
/// (or the one named by the "app" query parameter) is asked to identify the request.
/// </summary>
public sealed class SecurityCallerResolver(
    GatewayConfigMonitor configMonitor,
    IdentityResolver identities,
    IUserStore users,
    IFactorStore factors,
    RevokedDevices revokedDevices,
    TimeProvider time)
{
    public async Task<CallerResolution> ResolveAsync(HttpContext context, string? appName)
    {
        var config = configMonitor.Current;
        var now = time.GetUtcNow();
        CallerResolution? verificationNeeded = null;
        foreach (var app in Candidates(config, appName))
        {
            var identification = await identities.IdentifyAsync(context, config, app);
            if (identification.Kind != IdentificationKind.Identified)
            {
                continue;
            }

            var policy = app.SignInPolicy ?? config.DefaultPolicy;
            var user = await users.FindAsync(app.Realm, identification.User!, context.RequestAborted);
            var session = UsableSession(identification);
            if (session is { MfaAt: not null })
            {
                return new CallerResolution(CallerStatus.Ready, new SecurityCaller(config, app, policy, session, user));
            }

            if (await MayGoWithoutMfaAsync(user, policy, session, now, context.RequestAborted))
            {
                // The proxied path would open exactly this session for the user on their next request.
                session ??= GatewaySession.IdentifiedWithoutMfa(app.Name, identification.User!, identification.Binding, now, config.Session.Lifetime);
                return new CallerResolution(CallerStatus.Ready, new SecurityCaller(config, app, policy, session, user));
            }

            verificationNeeded ??= new CallerResolution(CallerStatus.VerificationNeeded, App: app, User: identification.User, Policy: policy, Binding: identification.Binding);
        }

        return verificationNeeded ?? CallerResolution.NotSignedIn;
    }

    private static IEnumerable<ProtectedApp> Candidates(GatewayConfig config, string? appName) => appName is null
        ? config.Apps.Values
        : config.Apps.Values.Where(a => a.Name.Equals(appName, StringComparison.OrdinalIgnoreCase));

    /// <summary>A session opened by a device the user has since forgotten no longer counts, as on the proxied path.</summary>
    private GatewaySession? UsableSession(Identification identification)
    {
        var session = identification.Vouched?.Session;
        return session?.DeviceId is { } device && revokedDevices.Contains(device) ? null : session;
    }

    /// <summary>
    /// A user with no factor may manage their settings (that is, turn MFA on) without an MFA when the
    /// policy does not demand one of them, or while they are in the grace period it grants.
    /// </summary>
    private async Task<bool> MayGoWithoutMfaAsync(UserRecord? user, RoutePolicy policy, GatewaySession? session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (user is not null && (user.MfaRequired || (await factors.ListAsync(user.Id, cancellationToken)).Count > 0))
        {
            return false;
        }

        return !policy.DemandsMfa || session?.GraceUntil > now;
    }
}
