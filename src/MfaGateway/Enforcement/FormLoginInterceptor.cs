using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Decisions;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Policies;
using MfaGateway.Risk;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Enforcement;

/// <summary>
/// Learns identity by watching the app's own login form. Before forwarding, the user name is read
/// from the submission. When the app's answer shows the password was accepted (configured status,
/// redirect and session cookie), the gateway records which user owns the new app session and, if
/// MFA is needed, withholds the app's Set-Cookie and redirect until the challenge is passed. A
/// wrong password is passed through untouched and costs no MFA.
/// </summary>
public sealed partial class FormLoginInterceptor(
    GatewayPaths paths,
    SessionBindingStore bindings,
    AccessFactGatherer facts,
    SessionGrantIssuer sessions,
    ChallengeService challenges,
    ChallengeResponder responder,
    LoginCookieRegistry loginCookies,
    AuditLog audit,
    TimeProvider time,
    ILogger<FormLoginInterceptor> logger)
{
    public async Task InterceptAsync(HttpContext context, GatewayConfig config, ProtectedApp app, RequestDelegate next)
    {
        var form = app.FormLogin!;
        var (status, user) = await LoginFormReader.ReadUserNameAsync(context.Request, form.UsernameField, form.MaxBodyBytes, app.UserNameCase, context.RequestAborted);
        if (status != LoginFormReader.Status.Read)
        {
            // A login the gateway cannot read must not reach the app: it could create a session nobody is bound to.
            var isApi = ClientKind.IsApi(context.Request, app);
            var (code, error, description) = status switch
            {
                LoginFormReader.Status.TooLarge => (StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "The sign-in request is too large."),
                LoginFormReader.Status.Repeated => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The sign-in request named the user more than once."),
                _ => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The sign-in request could not be read."),
            };
            if (status == LoginFormReader.Status.Repeated)
            {
                await audit.RecordAsync(context.Origin(), app.Realm, null, AuditEventTypes.CredentialRepeated, "refused", ("app", app.Name), ("field", form.UsernameField));
            }

            await GatewayErrorPage.WriteAsync(context, paths, isApi, code, error, "Sign-in not sent", description + " Nothing was sent to the application; go back and try again.");
            LogUnreadableLogin(logger, app.Name, status.ToString(), isApi);
            return;
        }

        context.Features.Set(GatewayRequestFeature.ForLogin(new LoginAttempt(app, user, config)));
        await next(context);
    }

    /// <summary>Called from the response transform with the app's answer to a login submission.</summary>
    public async Task OnLoginResponseAsync(ResponseTransformContext transform, LoginAttempt attempt)
    {
        var context = transform.HttpContext;
        var response = context.Response;
        var app = attempt.App;
        var form = app.FormLogin!;
        var location = response.Headers.Location.ToString();
        var setCookies = response.Headers.SetCookie.Where(c => c is not null).Select(c => c!).ToArray();
        var appSession = AppResponses.FindCookie(setCookies, form.SessionCookie, time.GetUtcNow());
        if (!form.SuccessStatus.Contains(response.StatusCode) || appSession is null || !RedirectMatches(form, location, context.Request))
        {
            return; // wrong password or any other non-success: the app's answer goes out untouched
        }

        var config = attempt.Config;
        if (attempt.User is null)
        {
            LogLoginWithoutUserName(logger, app.Name, form.UsernameField);
            Replace(transform);
            await GatewayErrorPage.WriteAsync(
                context,
                paths,
                ClientKind.IsApi(context.Request, app),
                StatusCodes.Status502BadGateway,
                ErrorCodes.LoginUnverifiable,
                "Sign-in not completed",
                "The gateway could not tell who signed in, so the sign-in was not completed. The administrator has been told.");
            return;
        }

        await loginCookies.LearnAsync(app, setCookies, config.Session.CookieName, time.GetUtcNow(), context.RequestAborted);
        var binding = SessionBinding.For(appSession);
        await bindings.RememberAsync(app, binding, attempt.User, config.Session.Lifetime, context.RequestAborted);
        var request = new AccessRequest
        {
            Policy = app.SignInPolicy ?? config.DefaultPolicy,
            Purpose = RequestPurpose.LoginResponse,
            Now = time.GetUtcNow(),
            App = app.Name,
            SessionLifetime = config.Session.Lifetime,
            Identification = new Identification(IdentificationKind.Identified, attempt.User, binding),
        };
        var (decision, decided) = await facts.DecideAsync(context, config, app, request);
        switch (decision)
        {
            case AccessDecision.ForwardAndIssueSession issue:
                await sessions.IssueAsync(context, config, app, issue, decided); // the app's answer goes out with the new gateway session
                return;
            case AccessDecision.Deny deny:
                // The app's answer, and with it the new app session cookie, never reaches the browser.
                Replace(transform);
                await GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, app), RiskGate.DenialText(deny.Reasons));
                return;
            case AccessDecision.Challenge challenge:
                await HoldBackForChallengeAsync(transform, app, decided, challenge.Purpose, challenge.Reasons, location, setCookies);
                return;
            case AccessDecision.Enrol enrol:
                await HoldBackForChallengeAsync(transform, app, decided, enrol.Purpose, [], location, setCookies);
                return;
            default:
                // Nothing else follows an accepted password. Were it to, the app's answer goes out without a
                // gateway session: the binding is remembered, so the next request is decided on the proxied path.
                LogUnexpectedLoginDecision(logger, app.Name, decision.ToString());
                return;
        }
    }

    /// <summary>
    /// The app's answer (its redirect and Set-Cookie headers) is kept in the pending challenge and replaced
    /// by the challenge; it is released only when the challenge is passed. Enrolment opens the same challenge:
    /// it notes by itself that the user has no factor yet.
    /// </summary>
    private async Task HoldBackForChallengeAsync(
        ResponseTransformContext transform, ProtectedApp app, AccessRequest decided, ChallengePurpose purpose, IReadOnlyList<string> reasons, string location, string[] setCookies)
    {
        var context = transform.HttpContext;
        var identification = decided.Identification!;
        var request = new ChallengeRequest(
            app,
            identification.User!,
            decided.Policy,
            purpose,
            AppResponses.LocalPath(location, context.Request) ?? app.FormLogin!.AfterLoginPath,
            identification.Binding,
            HeldBack: new HeldBackResponse(context.Response.StatusCode, location.Length == 0 ? null : location, setCookies),
            RiskReasons: reasons.Count > 0 ? reasons : null);
        var pending = await challenges.CreateAsync(context.Origin(), request, context.RequestAborted);
        Replace(transform);
        await responder.WriteChallengeAsync(context, pending, ClientKind.IsApi(context.Request, app));
    }

    /// <summary>Drops the app's answer (status, headers, body) so the gateway can write its own.</summary>
    private static void Replace(ResponseTransformContext transform)
    {
        transform.SuppressResponseBody = true;
        transform.HttpContext.Response.Headers.Clear();
    }

    private static bool RedirectMatches(FormLoginSettings form, string location, HttpRequest request)
    {
        if (form.SuccessRedirect is null)
        {
            return true;
        }

        var target = AppResponses.LocalPath(location, request);
        return target is not null && form.SuccessRedirect.Matches(CanonicalPath.Of(target.Split('?', 2)[0]));
    }

    [LoggerMessage(EventId = EventIds.LoginSubmissionRefused, Level = LogLevel.Warning, Message = "Login submission to {App} refused: {Status} (api client: {IsApi})")]
    private static partial void LogUnreadableLogin(ILogger logger, string app, string status, bool isApi);

    [LoggerMessage(EventId = EventIds.UnexpectedLoginDecision, Level = LogLevel.Error, Message = "Login to {App} was decided {Decision}, which no login response expects; the app's answer went out without a gateway session")]
    private static partial void LogUnexpectedLoginDecision(ILogger logger, string app, string decision);

    [LoggerMessage(EventId = EventIds.LoginWithoutUserName, Level = LogLevel.Error, Message = "App {App} accepted a login whose form had no '{Field}' field; check Identity:FormLogin:UsernameField. The login was withheld.")]
    private static partial void LogLoginWithoutUserName(ILogger logger, string app, string field);
}
