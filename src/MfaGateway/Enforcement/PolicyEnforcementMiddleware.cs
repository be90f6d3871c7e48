using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.PasswordChanges;
using MfaGateway.Policies;
using MfaGateway.Proxy;
using MfaGateway.Risk;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;
using MfaGateway.Web;
using Yarp.ReverseProxy.Model;

namespace MfaGateway.Enforcement;

/// <summary>
/// Runs in YARP's proxy pipeline, after route matching: finds the route's policy and app, works
/// out who the user is, and either forwards (with the identity headers), challenges, or refuses.
/// A request with a valid gateway session costs a cookie decryption and nothing else.
/// </summary>
public sealed partial class PolicyEnforcementMiddleware(
    RequestDelegate next,
    GatewayConfigMonitor configMonitor,
    IdentityResolver identities,
    ChallengeResponder responder,
    FormLoginInterceptor formLogin,
    GatewaySessionCookies sessionCookies,
    AppSignOut signOut,
    IUserStore users,
    IFactorStore factors,
    TrustedDeviceSessions trustedDevices,
    RevokedDevices revokedDevices,
    RiskGate riskGate,
    RecentPasswordChanges passwordChanges,
    GatewayPaths paths,
    AuditLog audit,
    TimeProvider time,
    ILogger<PolicyEnforcementMiddleware> logger)
{
    /// <summary>Synchronous up to the decision, so a bypassed request costs no async machinery.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var config = configMonitor.Current;
        var routeId = context.GetReverseProxyFeature().Route.Config.RouteId;
        var app = config.AppForRoute(routeId);
        var path = CanonicalPath.Of(context.Request);
        if (path.IsRefused)
        {
            LogControlCharacterPath(logger, routeId);
            return GatewayErrorPage.WriteAsync(context, paths, ClientKind.IsApi(context.Request, app), StatusCodes.Status400BadRequest, ErrorCodes.InvalidPath,
                "Address not accepted", "The address holds characters no web page uses. Nothing was sent to the application.");
        }

        var policy = config.PolicyFor(context.Request, routeId, context.ClientAddress());
        if (policy.Level == PolicyLevel.Deny)
        {
            return GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, app), "This address is not available through the gateway.");
        }

        // The app's login and logout paths come before any policy: they are how identity is learnt and lost.
        if (app?.FormLogin is { } form)
        {
            var logout = form.IsLogout(path);
            var login = form.IsLoginPath(path);
            if ((logout || login) && path.IsAmbiguous)
            {
                // Both skip the policy, so a path that is the login or logout form in one reading and
                // perhaps something else in the other (an encoded slash, a backslash) reaches nothing.
                LogAmbiguousIdentityPath(logger, app.Name, path.ToString());
                return GatewayErrorPage.WriteAsync(context, paths, ClientKind.IsApi(context.Request, app), StatusCodes.Status400BadRequest, ErrorCodes.InvalidPath,
                    "Address not accepted", "The sign-in or sign-out address was written in a way the gateway cannot read for certain. Nothing was sent to the application; go back and try again.");
            }

            if (logout)
            {
                context.Features.Set(CredentialForwarding.SessionOnly);
                return signOut.SignOutAsync(context, config, app, form, next);
            }

            if (login)
            {
                context.Features.Set(CredentialForwarding.SessionOnly);
                // The login page itself is never challenged: the user has to reach it.
                return form.IsLoginSubmission(context.Request, path) ? formLogin.InterceptAsync(context, config, app, next) : next(context);
            }
        }

        if (policy.Level == PolicyLevel.Bypass)
        {
            context.Features.Set(CredentialForwarding.All);
            return next(context);
        }

        if (app is null)
        {
            LogNoApp(logger, routeId, policy.Name);
            return GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, null), "No identity source is configured for this address.");
        }

        return EnforceAsync(context, config, app, policy);
    }

    /// <summary>A request with a valid, fresh-enough session is forwarded without any async machinery.</summary>
    private Task EnforceAsync(HttpContext context, GatewayConfig config, ProtectedApp app, RoutePolicy policy)
    {
        var pending = identities.IdentifyAsync(context, config, app);
        if (!pending.IsCompletedSuccessfully)
        {
            return DecideAsync(context, config, app, policy, pending);
        }

        var identification = pending.Result;
        if (identification.Kind == IdentificationKind.Anonymous)
        {
            return next(context);
        }

        var vouched = identification.Vouched;
        if (vouched is not null && SessionSatisfies(config, app, policy, vouched.Session, time.GetUtcNow()))
        {
            context.Features.Set(vouched.Upstream);
            return next(context);
        }

        return DecideAsync(context, config, app, policy, identification);
    }

    /// <summary>
    /// Whether a live session lets this request through: fresh and strong enough for the policy, or in
    /// a grace period the policy grants; and, if a remembered device opened it, the device is not
    /// revoked and this policy accepts remembered devices. Under a RiskBased policy, a session a quiet
    /// risk check let in also counts, unless the password changed since (a lookup in memory, not a new
    /// risk evaluation: a live session is not re-evaluated).
    /// </summary>
    private bool SessionSatisfies(GatewayConfig config, ProtectedApp app, RoutePolicy policy, GatewaySession session, DateTimeOffset now)
    {
        if (session.DeviceId is { } device && (policy.TrustedDeviceLifetime is null || revokedDevices.Contains(device)))
        {
            return false;
        }

        if (policy.Risk is { } risk)
        {
            if (risk.Enabled.HasFlag(RiskTriggers.AfterPasswordChange)
                && passwordChanges.ChangedAfter(app.Realm, session.User, session.VouchedSince, now, config.Risk.PasswordChangeWindow))
            {
                return false;
            }

            if (session.RiskClearedAt is not null && (risk.Enabled & ~session.RiskCleared) == RiskTriggers.None)
            {
                return true;
            }
        }

        return policy.IsSatisfiedBy(session.Factors, session.MfaAt, now)
            || (session.MfaAt is null && session.GraceUntil > now && policy.GracePeriod is not null)
            || (policy.Level == PolicyLevel.Disabled);
    }

    private async Task DecideAsync(HttpContext context, GatewayConfig config, ProtectedApp app, RoutePolicy policy, ValueTask<Identification> pending) =>
        await DecideAsync(context, config, app, policy, await pending);

    private async Task DecideAsync(HttpContext context, GatewayConfig config, ProtectedApp app, RoutePolicy policy, Identification identification)
    {
        switch (identification.Kind)
        {
            case IdentificationKind.Anonymous:
                await next(context);
                return;
            case IdentificationKind.Rejected:
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"{ErrorCodes.InvalidToken}\"";
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, identification.Reason!);
                return;
            case IdentificationKind.UnknownAppSession:
                await responder.ReauthenticateAsync(context, app, ClientKind.IsApi(context.Request, app));
                return;
            case IdentificationKind.RepeatedCredential:
                await RefuseRepeatedCredentialAsync(context, config, app, identification.Reason!);
                return;
        }

        var now = time.GetUtcNow();
        var session = identification.Vouched?.Session;
        if (session is not null && SessionSatisfies(config, app, policy, session, now))
        {
            context.Features.Set(identification.Vouched!.Upstream);
            await next(context);
            return;
        }

        if (policy.Level == PolicyLevel.Disabled
            || (policy.Level == PolicyLevel.Optional && !await MustUseMfaAsync(app, identification.User!, session, context.RequestAborted)))
        {
            // Optional and not enrolled: remember that in the session so the next request needs no lookup.
            var vouched = identification.Vouched;
            if (vouched is null)
            {
                var identified = IdentifiedWithoutMfa(app, identification, config, now);
                sessionCookies.Write(context, app, config.Session, identified);
                vouched = new VouchedSession(identified);
            }

            context.Features.Set(vouched.Upstream);
            await next(context);
            return;
        }

        IReadOnlyList<string>? riskReasons = null;
        if (policy.Level == PolicyLevel.RiskBased
            && await riskGate.AssessAsync(context.Origin(), config, app, policy, identification.User!, context.RequestAborted) is { } assessment)
        {
            if (assessment.Action == RiskAction.Deny)
            {
                await GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, app), RiskGate.DenialText(assessment));
                return;
            }

            if (assessment.Action == RiskAction.Off)
            {
                var cleared = riskGate.ClearedSession(session, app, identification.User!, identification.Binding, config, assessment);
                sessionCookies.Write(context, app, config.Session, cleared);
                context.Features.Set(new VouchedSession(cleared).Upstream);
                await next(context);
                return;
            }

            // A trigger fired: a remembered device does not outweigh it, only a challenge does.
            riskReasons = assessment.ReasonsForUser;
        }

        if (session is null && riskReasons is null
            && await trustedDevices.TryOpenAsync(context, config, app, identification.User!, policy, identification.Binding, context.RequestAborted) is { } remembered)
        {
            context.Features.Set(remembered.Upstream);
            await next(context);
            return;
        }

        var isApi = ClientKind.IsApi(context.Request, app);
        var capture = isApi ? FormCapture.None : await PreservedFormReader.CaptureAsync(context.Request, config.Challenge.MaxPreservedFormBytes, context.RequestAborted);
        if (capture.Refusal is { } refusal)
        {
            // Refused before any challenge exists: nothing is stored, and nothing reaches the app.
            LogFormRefused(logger, app.Name, identification.User!, refusal);
            var returnUrl = RequestReturnUrl.Of(context.Request);
            await GatewayErrorPage.WriteAsync(
                context,
                paths,
                isApi: false,
                StatusCodes.Status400BadRequest,
                ErrorCodes.FormNotKept,
                "This form cannot be sent",
                $"This action needs a recent verification, and the form cannot be kept while you verify. {refusal} Nothing was sent.",
                ("Verify now, then try again", paths.VerifyThenReturnTo(returnUrl, app.Name)));
            return;
        }

        if (capture.Unsent is { } unsent)
        {
            LogFormNotKept(logger, app.Name, identification.User!, unsent);
        }

        var request = new ChallengeRequest(
            app,
            identification.User!,
            policy,
            PurposeOf(context.Request, session),
            RequestReturnUrl.Of(context.Request),
            identification.Binding,
            Form: capture.Form,
            UnsentForm: capture.Unsent,
            RiskReasons: riskReasons,
            Action: ActionName.FromPath(context.Request.Path.Value));
        await responder.ChallengeAsync(context, request, isApi);
    }

    /// <summary>
    /// The app's session cookie came more than once: the gateway reads one copy, the app may read
    /// another (ASP.NET Core keeps the last, PHP the first). Nothing is forwarded, the app's cookie and
    /// the gateway session are cleared, and the user signs in again.
    /// </summary>
    private async Task RefuseRepeatedCredentialAsync(HttpContext context, GatewayConfig config, ProtectedApp app, string credential)
    {
        LogRepeatedCredential(logger, app.Name, credential, context.ClientAddress()?.ToString());
        await audit.RecordAsync(context.Origin(), app.Realm, null, AuditEventTypes.CredentialRepeated, "refused", ("app", app.Name), ("cookie", credential));
        sessionCookies.Delete(context, app, config.Session);
        await responder.ReauthenticateAsync(context, app, ClientKind.IsApi(context.Request, app));
    }

    /// <summary>
    /// A sign-in only when nothing shows the user is already in: a session of any kind (an MFA, a
    /// quiet risk check, an Optional pass) or a request that acts (a POST) means the user is using
    /// the app and this challenge guards what they just asked for.
    /// </summary>
    private static ChallengePurpose PurposeOf(HttpRequest request, GatewaySession? session) =>
        session is null && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) ? ChallengePurpose.SignIn : ChallengePurpose.StepUp;

    /// <summary>Under an Optional policy: users with a factor, and users an administrator requires MFA of.</summary>
    private async Task<bool> MustUseMfaAsync(ProtectedApp app, string user, GatewaySession? session, CancellationToken cancellationToken)
    {
        if (session is { MfaAt: null, RiskClearedAt: null })
        {
            return false; // identified without MFA earlier in this session: known not to need it
        }

        var record = await users.FindAsync(app.Realm, user, cancellationToken);
        return record is not null && (record.MfaRequired || (await factors.ListAsync(record.Id, cancellationToken)).Count > 0);
    }

    private static GatewaySession IdentifiedWithoutMfa(ProtectedApp app, Identification identification, GatewayConfig config, DateTimeOffset now) =>
        new(app.Name, identification.User!, [], null, now, now + config.Session.Lifetime, identification.Binding);

    [LoggerMessage(EventId = EventIds.RepeatedSessionCookie, Level = LogLevel.Warning, Message = "Request to app {App} carried its session cookie {Cookie} more than once (client {Client}); refused, the user signs in again")]
    private static partial void LogRepeatedCredential(ILogger logger, string app, string cookie, string? client);

    [LoggerMessage(EventId = EventIds.ControlCharacterPathRefused, Level = LogLevel.Warning, Message = "Request on route {RouteId} refused: its path holds a control character (possibly percent-encoded twice)")]
    private static partial void LogControlCharacterPath(ILogger logger, string? routeId);

    [LoggerMessage(EventId = EventIds.AmbiguousIdentityPathRefused, Level = LogLevel.Warning, Message = "Request to the login or logout path of {App} refused: its path {Path} reads two ways (an encoded slash or a backslash)")]
    private static partial void LogAmbiguousIdentityPath(ILogger logger, string app, string path);

    [LoggerMessage(EventId = EventIds.FormRefused, Level = LogLevel.Warning, Message = "Form POST of {User} to {App} that needs MFA refused: {Refusal}")]
    private static partial void LogFormRefused(ILogger logger, string app, string user, string refusal);

    [LoggerMessage(EventId = EventIds.FormNotKept, Level = LogLevel.Information, Message = "Form POST of {User} to {App} that needs MFA will not be re-submitted after it: {Reason}")]
    private static partial void LogFormNotKept(ILogger logger, string app, string user, UnsentFormReason reason);

    [LoggerMessage(EventId = EventIds.NoAppForIdentityRoute, Level = LogLevel.Warning, Message = "Route {RouteId} needs identity under policy {Policy} but no app covers it; refused")]
    private static partial void LogNoApp(ILogger logger, string routeId, string policy);
}
