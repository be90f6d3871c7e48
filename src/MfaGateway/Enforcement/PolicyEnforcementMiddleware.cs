using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Decisions;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.PasswordChanges;
using MfaGateway.Policies;
using MfaGateway.Risk;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Yarp.ReverseProxy.Model;

namespace MfaGateway.Enforcement;

/// <summary>
/// Runs in YARP's proxy pipeline, after route matching: the executor of the access decision for a
/// proxied request. It reads the route's policy and app, asks <see cref="AccessDecider"/>, gathers
/// what the decider asks for, and carries out the decision (forward with the identity headers,
/// issue a session, challenge, refuse). A request with a valid gateway session costs a cookie
/// decryption and nothing else, synchronously.
/// </summary>
public sealed partial class PolicyEnforcementMiddleware(
    RequestDelegate next,
    GatewayConfigMonitor configMonitor,
    AccessFactGatherer facts,
    SessionGrantIssuer sessions,
    ChallengeResponder responder,
    FormLoginInterceptor formLogin,
    GatewaySessionCookies sessionCookies,
    AppSignOut signOut,
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

        var request = new AccessRequest
        {
            Policy = config.PolicyFor(context.Request, routeId, context.ClientAddress()),
            Purpose = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? RequestPurpose.Read : RequestPurpose.Act,
            Now = time.GetUtcNow(),
            App = app?.Name,
            SessionLifetime = config.Session.Lifetime,
        };
        var decision = AccessDecider.Decide(request);

        // A Deny policy outranks even the app's login form; every other decision comes after it.
        if (decision is AccessDecision.Deny { Reason: DenialReason.Policy })
        {
            return ActAsync(context, config, app, request, decision);
        }

        // The app's login and logout paths come before any other policy: they are how identity is learnt and lost.
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
                context.Features.Set(GatewayRequestFeature.IdentityPath);
                return signOut.SignOutAsync(context, config, app, form, next);
            }

            if (login)
            {
                // The login page itself is never challenged: the user has to reach it. A submission is
                // read first, and its feature names the attempt.
                if (form.IsLoginSubmission(context.Request, path))
                {
                    return formLogin.InterceptAsync(context, config, app, next);
                }

                context.Features.Set(GatewayRequestFeature.IdentityPath);
                return next(context);
            }
        }

        // Whatever is in memory or in the request is gathered here without async machinery.
        while (decision is AccessDecision.NeedFact need)
        {
            var gathering = facts.GatherAsync(context, config, app!, request, need.Fact);
            if (!gathering.IsCompletedSuccessfully)
            {
                return DecideAsync(context, config, app!, gathering);
            }

            request = gathering.Result;
            decision = AccessDecider.Decide(request);
        }

        return ActAsync(context, config, app, request, decision);
    }

    private async Task DecideAsync(HttpContext context, GatewayConfig config, ProtectedApp app, ValueTask<AccessRequest> gathering)
    {
        var (decision, request) = await facts.DecideAsync(context, config, app, await gathering);
        await ActAsync(context, config, app, request, decision);
    }

    /// <summary>Carries out a decision; a forward is synchronous.</summary>
    private Task ActAsync(HttpContext context, GatewayConfig config, ProtectedApp? app, AccessRequest request, AccessDecision decision)
    {
        switch (decision)
        {
            case AccessDecision.Forward { As: ForwardIdentity.PresentedSession }:
                context.Features.Set(request.Identification!.Vouched!.Request);
                return next(context);
            case AccessDecision.Forward { As: ForwardIdentity.Unchecked }:
                context.Features.Set(GatewayRequestFeature.Bypassed);
                return next(context);
            case AccessDecision.Forward:
                return next(context); // anonymous: no credential of the app was vouched for, so none goes along
            case AccessDecision.Deny { Reason: DenialReason.Policy }:
                return GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, app), "This address is not available through the gateway.");
            case AccessDecision.Deny { Reason: DenialReason.NoIdentitySource }:
                LogNoApp(logger, context.GetReverseProxyFeature().Route.Config.RouteId, request.Policy.Name);
                return GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, null), "No identity source is configured for this address.");
            case AccessDecision.Deny deny:
                return GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, app), RiskGate.DenialText(deny.Reasons));
            case AccessDecision.RejectToken reject:
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"{ErrorCodes.InvalidToken}\"";
                return GatewayErrors.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, reject.Reason);
            case AccessDecision.SignInAgain { Cause: SignInAgainCause.RepeatedCredential } again:
                return RefuseRepeatedCredentialAsync(context, config, app!, again.Credential ?? app!.FormLogin!.SessionCookie);
            case AccessDecision.SignInAgain:
                return responder.ReauthenticateAsync(context, app!, ClientKind.IsApi(context.Request, app));
            case AccessDecision.ForwardAndIssueSession issue:
                return IssueAndForwardAsync(context, config, app!, issue, request);
            case AccessDecision.Challenge challenge:
                return ChallengeAsync(context, config, app!, request, challenge.Purpose, challenge.Reasons);
            case AccessDecision.Enrol enrol:
                return ChallengeAsync(context, config, app!, request, enrol.Purpose, []);
            default:
                // Only NeedFact is left, and it never reaches here; an unknown case must not forward.
                throw new InvalidOperationException($"The access decision {decision} has no executor.");
        }
    }

    private async Task IssueAndForwardAsync(HttpContext context, GatewayConfig config, ProtectedApp app, AccessDecision.ForwardAndIssueSession issue, AccessRequest request)
    {
        var vouched = await sessions.IssueAsync(context, config, app, issue, request);
        context.Features.Set(vouched.Request);
        await next(context);
    }

    /// <summary>Enrolment and challenge open the same pending challenge: it notes by itself that the user has no factor yet.</summary>
    private async Task ChallengeAsync(HttpContext context, GatewayConfig config, ProtectedApp app, AccessRequest request, ChallengePurpose purpose, IReadOnlyList<string> reasons)
    {
        var user = request.Identification!.User!;
        var isApi = ClientKind.IsApi(context.Request, app);
        var capture = isApi ? FormCapture.None : await PreservedFormReader.CaptureAsync(context.Request, config.Challenge.MaxPreservedFormBytes, context.RequestAborted);
        if (capture.Refusal is { } refusal)
        {
            // Refused before any challenge exists: nothing is stored, and nothing reaches the app.
            LogFormRefused(logger, app.Name, user, refusal);
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
            LogFormNotKept(logger, app.Name, user, unsent);
        }

        var challenge = new ChallengeRequest(
            app,
            user,
            request.Policy,
            purpose,
            RequestReturnUrl.Of(context.Request),
            request.Identification.Binding,
            Form: capture.Form,
            UnsentForm: capture.Unsent,
            RiskReasons: reasons.Count > 0 ? reasons : null,
            Action: ActionName.FromPath(context.Request.Path.Value),
            IdentityEmail: request.Identification.Email);
        await responder.ChallengeAsync(context, challenge, isApi);
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
