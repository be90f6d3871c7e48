using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Invitations;
using MfaGateway.Networking;
using MfaGateway.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MfaGateway.Pages;

/// <summary>
/// "/.mfa/invitation/{token}": the page of an invitation link. GET only shows it, so a mail scanner
/// that fetches links spends nothing; the Continue button (a POST, antiforgery-checked) opens it in
/// this browser, which alone may then enrol the user's first factor.
/// </summary>
public sealed class InvitationModel(InvitationService invitations, ChallengeService challenges, GatewayConfigMonitor configMonitor, GatewayPaths paths) : PageModel
{
    public string Issuer => configMonitor.Current.Issuer;

    public PageMessage? Message { get; private set; }

    public string? UserName { get; private set; }

    public string? AppName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token)
    {
        NoLeaks();
        var status = await invitations.InspectAsync(HttpContext, token, HttpContext.RequestAborted);
        if (status.State == InvitationState.Open)
        {
            (UserName, AppName) = (status.User, status.App);
            return Page();
        }

        return status.State == InvitationState.OpenedHere ? await ContinueAsync(status) : Show(status);
    }

    public async Task<IActionResult> OnPostAsync(string? token)
    {
        NoLeaks();
        var status = await invitations.OpenAsync(HttpContext, HttpContext.Origin(), token, HttpContext.RequestAborted);
        return status.State == InvitationState.OpenedHere ? await ContinueAsync(status) : Show(status);
    }

    /// <summary>
    /// On to enrolment: straight to the set-up page when this browser is already signed in and waiting
    /// to enrol as the invited user, else to the app, whose sign-in leads there.
    /// </summary>
    private async Task<IActionResult> ContinueAsync(InvitationStatus status)
    {
        if (await challenges.FindAsync(ChallengeCookie.Read(HttpContext), HttpContext.RequestAborted) is { EnrolmentRequired: true } pending
            && pending.Realm == status.Record!.Realm && pending.User == status.Record.UserName)
        {
            return new RedirectResult(paths.Enrol) { Permanent = false };
        }

        var app = status.App is null ? null : configMonitor.Current.Apps.GetValueOrDefault(status.App);
        var next = app?.FormLogin?.LoginPath ?? "/";
        return Show(StatusCodes.Status200OK, new PageMessage(
            "Invitation accepted",
            $"This browser now holds the invitation for {status.User}. Sign in to {status.App} as usual: you will then choose how to verify it's you.",
            "Sign in",
            next));
    }

    private IActionResult Show(InvitationStatus status) => status.State switch
    {
        InvitationState.OpenedElsewhere => Show(StatusCodes.Status409Conflict, new PageMessage(
            "Opened in another browser",
            "This invitation was opened in another browser, and only that browser can use it. Open the link there, or ask your administrator for a new invitation.")),
        InvitationState.Used => Show(StatusCodes.Status410Gone, new PageMessage(
            "Invitation already used",
            "Two-step verification was set up with this invitation, which works once. To change how you verify, sign in and open your security settings.")),
        InvitationState.Revoked => Show(StatusCodes.Status410Gone, new PageMessage(
            "Invitation withdrawn",
            "Your administrator withdrew this invitation. Ask them for a new one if you still need to set up two-step verification.")),
        InvitationState.Expired => Show(StatusCodes.Status410Gone, new PageMessage(
            "Invitation expired",
            "This invitation is no longer valid. Ask your administrator for a new one.")),
        _ => Show(StatusCodes.Status404NotFound, new PageMessage(
            "Invitation not found",
            "This invitation link is not valid. Check that you opened the whole link from the e-mail, or ask your administrator for a new one.")),
    };

    private PageResult Show(int status, PageMessage message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>
    /// The token is in this page's address: never cached, and never sent on in a Referer, not even to
    /// the app the next click opens. "origin" rather than "no-referrer", under which browsers would send
    /// "Origin: null" with the Continue button and the gateway's origin check would refuse it.
    /// </summary>
    private void NoLeaks()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "origin";
    }
}
