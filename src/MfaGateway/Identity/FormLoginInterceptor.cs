using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Policies;
using MfaGateway.Risk;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;
using MfaGateway.Web;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Identity;

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
    GatewaySessionCookies sessionCookies,
    ChallengeService challenges,
    ChallengeResponder responder,
    IUserStore users,
    IFactorStore factors,
    TrustedDeviceSessions trustedDevices,
    RiskGate riskGate,
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

        context.Features.Set(new LoginAttemptFeature(app, user, config));
        await next(context);
    }

    /// <summary>Called from the response transform with the app's answer to a login submission.</summary>
    public async Task OnLoginResponseAsync(ResponseTransformContext transform, LoginAttemptFeature attempt)
    {
        var context = transform.HttpContext;
        var response = context.Response;
        var app = attempt.App;
        var form = app.FormLogin!;
        var location = response.Headers.Location.ToString();
        var setCookies = response.Headers.SetCookie.Where(c => c is not null).Select(c => c!).ToArray();
        var appSession = FindCookie(setCookies, form.SessionCookie, time.GetUtcNow());
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
        var policy = app.SignInPolicy ?? config.DefaultPolicy;
        if (!await NeedsMfaAsync(app, attempt.User, policy, context.RequestAborted))
        {
            var now = time.GetUtcNow();
            sessionCookies.Write(context, app, config.Session, new GatewaySession(app.Name, attempt.User, [], null, now, now + config.Session.Lifetime, binding));
            return;
        }

        IReadOnlyList<string>? riskReasons = null;
        if (policy.Level == PolicyLevel.RiskBased
            && await riskGate.AssessAsync(context.Origin(), config, app, policy, attempt.User, context.RequestAborted) is { } assessment)
        {
            switch (assessment.Action)
            {
                case RiskAction.Deny:
                    // The app's answer, and with it the new app session cookie, never reaches the browser.
                    Replace(transform);
                    await GatewayErrorPage.DenyAsync(context, paths, ClientKind.IsApi(context.Request, app), RiskGate.DenialText(assessment));
                    return;
                case RiskAction.Off:
                    sessionCookies.Write(context, app, config.Session, riskGate.ClearedSession(null, app, attempt.User, binding, config, assessment));
                    return;
                default:
                    riskReasons = assessment.ReasonsForUser; // a remembered device does not outweigh a fired trigger
                    break;
            }
        }

        if (riskReasons is null && await trustedDevices.TryOpenAsync(context, config, app, attempt.User, policy, binding, context.RequestAborted) is not null)
        {
            return; // a remembered device: the app's answer goes out with the new gateway session
        }

        var request = new ChallengeRequest(
            app,
            attempt.User,
            policy,
            ChallengePurpose.SignIn,
            LocalPath(location, context.Request) ?? form.AfterLoginPath,
            binding,
            HeldBack: new HeldBackResponse(response.StatusCode, location.Length == 0 ? null : location, setCookies),
            RiskReasons: riskReasons);
        var challenge = await challenges.CreateAsync(context.Origin(), request, context.RequestAborted);
        Replace(transform);
        await responder.WriteChallengeAsync(context, challenge, ClientKind.IsApi(context.Request, app));
    }

    private async Task<bool> NeedsMfaAsync(ProtectedApp app, string user, RoutePolicy policy, CancellationToken cancellationToken)
    {
        switch (policy.Level)
        {
            case PolicyLevel.Required or PolicyLevel.RiskBased:
                return true;
            case PolicyLevel.Optional:
                var record = await users.FindAsync(app.Realm, user, cancellationToken);
                return record is not null && (record.MfaRequired || (await factors.ListAsync(record.Id, cancellationToken)).Count > 0);
            default:
                return false;
        }
    }

    /// <summary>Drops the app's answer (status, headers, body) so the gateway can write its own.</summary>
    private static void Replace(ResponseTransformContext transform)
    {
        transform.SuppressResponseBody = true;
        transform.HttpContext.Response.Headers.Clear();
    }

    /// <summary>
    /// The value the app sets for its session cookie; a deletion (empty or expired) does not count.
    /// Surrounding quotes are removed, as when the browser sends the cookie back and it is read then.
    /// </summary>
    internal static string? FindCookie(IEnumerable<string> setCookies, string name, DateTimeOffset now)
    {
        foreach (var header in setCookies)
        {
            if (SetCookieHeaderValue.TryParse(header, out var cookie)
                && cookie.Name.Equals(name, StringComparison.Ordinal)
                && (cookie.Expires is null || cookie.Expires > now)
                && (cookie.MaxAge is null || cookie.MaxAge > TimeSpan.Zero))
            {
                var value = HeaderUtilities.RemoveQuotes(cookie.Value).ToString();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }

    private static bool RedirectMatches(FormLoginSettings form, string location, HttpRequest request)
    {
        if (form.SuccessRedirect is null)
        {
            return true;
        }

        var target = LocalPath(location, request);
        return target is not null && form.SuccessRedirect.Matches(CanonicalPath.Of(target.Split('?', 2)[0]));
    }

    /// <summary>The path and query a redirect points to on this site, or null when it leaves the site.</summary>
    internal static string? LocalPath(string location, HttpRequest request)
    {
        if (ReturnUrl.IsLocal(location))
        {
            return location;
        }

        return Uri.TryCreate(location, UriKind.Absolute, out var uri)
            && uri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && ReturnUrl.IsLocal(uri.PathAndQuery)
                ? uri.PathAndQuery
                : null;
    }

    [LoggerMessage(EventId = EventIds.LoginSubmissionRefused, Level = LogLevel.Warning, Message = "Login submission to {App} refused: {Status} (api client: {IsApi})")]
    private static partial void LogUnreadableLogin(ILogger logger, string app, string status, bool isApi);

    [LoggerMessage(EventId = EventIds.LoginWithoutUserName, Level = LogLevel.Error, Message = "App {App} accepted a login whose form had no '{Field}' field; check Identity:FormLogin:UsernameField. The login was withheld.")]
    private static partial void LogLoginWithoutUserName(ILogger logger, string app, string field);
}
