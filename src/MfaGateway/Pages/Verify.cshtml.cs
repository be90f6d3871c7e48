using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Identity;
using MfaGateway.Observability;
using MfaGateway.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MfaGateway.Pages;

/// <summary>
/// "/.mfa/verify?returnUrl=/somewhere": a fresh MFA on request, for apps that want one before a
/// sensitive action without a MaxAge policy. The return address comes from the client, so it must
/// be a path on this site.
/// </summary>
public sealed partial class VerifyModel(
    GatewayConfigMonitor configMonitor,
    IdentityResolver identities,
    ChallengeResponder responder,
    ChallengeService challenges,
    GatewayPaths paths,
    ILogger<VerifyModel> logger) : PageModel
{
    public string Issuer => configMonitor.Current.Issuer;

    public PageMessage? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, string? app)
    {
        returnUrl ??= "/";
        if (!ReturnUrl.IsLocal(returnUrl))
        {
            return Show(StatusCodes.Status400BadRequest, new PageMessage(
                "Unsafe return address",
                "After verification you can only be sent to a page of this site, and the link you followed points elsewhere. Nothing was done.",
                "Go to the application",
                "/"));
        }

        // A challenge this browser is already answering (a sign-in holding back the app's cookie, a
        // step-up holding a form) is finished first: a link to this page, even from another site,
        // must not throw it away by opening a new one in its place.
        if (await challenges.FindAsync(ChallengeCookie.Read(HttpContext), HttpContext.RequestAborted) is { } pending)
        {
            LogPendingKept(logger, pending.User, pending.App);
            Response.Headers.CacheControl = "no-store";
            return Redirect(paths.Challenge);
        }

        var config = configMonitor.Current;
        var candidates = app is null ? config.Apps.Values.AsEnumerable() : config.Apps.Values.Where(a => a.Name.Equals(app, StringComparison.OrdinalIgnoreCase));
        foreach (var candidate in candidates)
        {
            var identification = await identities.IdentifyAsync(HttpContext, config, candidate);
            if (identification.Kind != IdentificationKind.Identified)
            {
                continue;
            }

            var policy = candidate.SignInPolicy ?? config.DefaultPolicy;
            await responder.ChallengeAsync(
                HttpContext,
                new ChallengeRequest(candidate, identification.User!, policy, ChallengePurpose.StepUp, returnUrl, identification.Binding,
                    Action: ActionName.FromPath(returnUrl.Split('?', '#')[0])),
                isApi: false);
            return new EmptyResult();
        }

        return Show(StatusCodes.Status401Unauthorized, new PageMessage(
            "Sign in first",
            "Verification needs to know who you are: sign in to the application, then try again.",
            "Go to the application",
            "/"));
    }

    [LoggerMessage(EventId = EventIds.PendingChallengeKept, Level = LogLevel.Information, Message = "Verification asked for while {User} of {App} has a challenge pending; the pending one is kept")]
    private static partial void LogPendingKept(ILogger logger, string user, string app);

    private PageResult Show(int status, PageMessage message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
