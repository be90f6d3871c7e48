using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MfaGateway.Pages;

/// <summary>
/// "/.mfa/verify?returnUrl=/somewhere": a fresh MFA on request, for apps that want one before a
/// sensitive action without a MaxAge policy. The return address comes from the client, so it must
/// be a path on this site.
/// </summary>
public sealed class VerifyModel(GatewayConfigMonitor configMonitor, IdentityResolver identities, ChallengeResponder responder) : PageModel
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
                new ChallengeRequest(candidate, identification.User!, policy, ChallengePurpose.StepUp, returnUrl, identification.Binding),
                isApi: false);
            return new EmptyResult();
        }

        return Show(StatusCodes.Status401Unauthorized, new PageMessage(
            "Sign in first",
            "Verification needs to know who you are: sign in to the application, then try again.",
            "Go to the application",
            "/"));
    }

    private PageResult Show(int status, PageMessage message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
