using MfaGateway.Challenges;
using MfaGateway.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MfaGateway.Pages;

/// <summary>What a challenge-related page shows instead of its form.</summary>
public sealed record PageMessage(string Title, string Text, string? LinkText = null, string? LinkUrl = null);

/// <summary>Shared by the challenge and enrolment pages: turns a verification outcome into a page or redirect.</summary>
public abstract class ChallengePageModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor) : PageModel
{
    public string Issuer => configMonitor.Current.Issuer;

    public PendingChallenge? Pending { get; private set; }

    public PageMessage? Message { get; private set; }

    /// <summary>Set after success when the step-up interrupted a form POST: the page re-submits it.</summary>
    public PreservedForm? Resubmit { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    protected ChallengeService Challenges => challenges;

    protected async Task<PendingChallenge?> LoadChallengeAsync()
    {
        Pending = await challenges.FindAsync(ChallengeCookie.Read(HttpContext), HttpContext.RequestAborted);
        return Pending;
    }

    protected async Task<IActionResult> VerifyAsync(string factorType)
    {
        var challengeId = ChallengeCookie.Read(HttpContext);
        Pending = await challenges.FindAsync(challengeId, HttpContext.RequestAborted);
        var outcome = await challenges.VerifyAsync(challengeId, factorType, new Factors.FactorResponse(Code), HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case ChallengeStatus.Passed:
                var completed = completer.Complete(HttpContext, outcome.Challenge!, outcome.FactorType!);
                if (completed is null)
                {
                    return ShowMessage(StatusCodes.Status409Conflict, new PageMessage("Application no longer available", "The application you were signing in to is no longer configured on this gateway."));
                }

                if (completed.Form is not null)
                {
                    Resubmit = completed.Form;
                    return Page();
                }

                return new RedirectResult(completed.NextUrl) { PreserveMethod = false, Permanent = false };
            case ChallengeStatus.WrongCode:
                return ShowError($"That code is not correct. {AttemptsText(outcome.AttemptsLeft)}");
            case ChallengeStatus.CodeReused:
                return ShowError($"That code has already been used. Wait for the next code in your app. {AttemptsText(outcome.AttemptsLeft)}");
            case ChallengeStatus.FactorNotAvailable:
                return ShowError("This verification method cannot be used here.");
            default:
                return ShowOutcomeMessage(outcome.Status);
        }
    }

    protected IActionResult ShowOutcomeMessage(ChallengeStatus status) => status switch
    {
        ChallengeStatus.TooManyAttempts => ShowMessage(StatusCodes.Status400BadRequest, new PageMessage(
            "Too many incorrect codes",
            "For your security this verification has been stopped. Start again to get a new one.",
            "Start again",
            "/")),
        ChallengeStatus.UserLocked => ShowMessage(StatusCodes.Status403Forbidden, new PageMessage(
            "Verification locked",
            "There have been too many incorrect codes for this account. For your security, verification is locked. Contact your administrator to unlock it.")),
        ChallengeStatus.AlreadyEnrolled => ShowMessage(StatusCodes.Status409Conflict, new PageMessage(
            "Already set up",
            "Two-step verification was set up for this account in another window. Start again to verify with it.",
            "Start again",
            "/")),
        _ => ShowMessage(StatusCodes.Status400BadRequest, new PageMessage(
            "This verification has expired",
            "Verification requests are valid for a few minutes and can be used once. Start again to get a new one.",
            "Start again",
            "/")),
    };

    protected IActionResult ShowMessage(int status, PageMessage message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }

    private PageResult ShowError(string error)
    {
        Error = error;
        Code = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string AttemptsText(int left) => left == 1 ? "1 attempt left." : $"{left} attempts left.";
}
