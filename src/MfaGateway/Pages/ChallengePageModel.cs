using System.Globalization;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Networking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MfaGateway.Pages;

/// <summary>What a challenge-related page shows instead of its form.</summary>
public sealed record PageMessage(string Title, string Text, string? LinkText = null, string? LinkUrl = null);

/// <summary>What the user sees after passing, before continuing: new recovery codes, or a warning that few are left.</summary>
/// <param name="NextUrl">Where "Continue" goes, unless <paramref name="Form"/> is re-submitted instead.</param>
/// <param name="UnsentForm">Told to the user when the form that asked for MFA was not sent on.</param>
public sealed record AfterPassing(IReadOnlyList<string>? NewRecoveryCodes, int? RecoveryCodesLeft, string NextUrl, PreservedForm? Form, string? UnsentForm = null);

/// <summary>Shared by the challenge and enrolment pages: turns a verification outcome into a page or redirect.</summary>
public abstract class ChallengePageModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor) : PageModel
{
    public string Issuer => configMonitor.Current.Issuer;

    public PendingChallenge? Pending { get; private set; }

    public PageMessage? Message { get; private set; }

    /// <summary>Set after success when the step-up interrupted a form POST: the page re-submits it.</summary>
    public PreservedForm? Resubmit { get; private set; }

    public AfterPassing? Passed { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Set by the sign-in link page: the link's secret answers in place of a code.</summary>
    protected string? LinkSecret { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

    /// <summary>A passkey's or security key's answer: the browser's PublicKeyCredential.toJSON(), posted by webauthn.js.</summary>
    [BindProperty]
    public string? Credential { get; set; }

    /// <summary>At enrolment: what the user calls the new passkey or key.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>How many days "remember this device" lasts under the challenge's policy; null when not offered.</summary>
    public int? RememberDeviceDays =>
        Pending is not null && configMonitor.Current.Policies.TryGetValue(Pending.PolicyName, out var policy) && policy.TrustedDeviceLifetime is { } lifetime
            ? (int)lifetime.TotalDays
            : null;

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
        var outcome = await challenges.VerifyAsync(HttpContext.Origin(), challengeId, factorType, ResponseFor(factorType), HttpContext.RequestAborted);
        return outcome.Status switch
        {
            ChallengeStatus.Passed => await CompleteAsync(outcome),
            ChallengeStatus.WrongCode or ChallengeStatus.CodeReused => ShowError($"{FactorRejectionCodes.PageText(outcome.Rejection)} {AttemptsText(outcome.AttemptsLeft)}"),
            ChallengeStatus.FactorNotAvailable => ShowError("This verification method cannot be used here."),
            _ => ShowOutcomeMessage(outcome),
        };
    }

    /// <summary>
    /// The posted answer as the factor takes it. A credential that is not a JSON object (or is larger
    /// than any real one) is passed on as no credential, which the factor refuses as malformed.
    /// </summary>
    private FactorResponse ResponseFor(string factorType)
    {
        if (LinkSecret is { } link)
        {
            return new FactorResponse(null, Link: link);
        }

        if (factorType != FactorTypes.WebAuthn)
        {
            return new FactorResponse(Code);
        }

        var name = MfaGateway.SelfService.FactorName.TryNormalize(Name, out var normalized, out _) ? normalized : null;
        if (Credential is not { Length: > 0 and <= WebAuthnCeremonies.MaxResponseLength } json)
        {
            return new FactorResponse(null, null, name);
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? new FactorResponse(null, document.RootElement.Clone(), name)
                : new FactorResponse(null, null, name);
        }
        catch (System.Text.Json.JsonException)
        {
            return new FactorResponse(null, null, name);
        }
    }

    protected async Task<IActionResult> CompleteAsync(ChallengeOutcome outcome)
    {
        var completed = await completer.CompleteAsync(HttpContext, outcome, RememberDevice, HttpContext.RequestAborted);
        if (completed is null)
        {
            return ShowMessage(StatusCodes.Status409Conflict, Unavailable(string.Empty));
        }

        // New recovery codes, or a used one (the user should know how many are left), are worth a stop.
        if (completed.NewRecoveryCodes is { Count: > 0 } || completed.RecoveryCodesLeft is not null)
        {
            Passed = new AfterPassing(completed.NewRecoveryCodes, completed.RecoveryCodesLeft, completed.NextUrl, completed.Form, completed.UnsentForm is { } unsent ? UnsentFormText.For(unsent) : null);
            return Page();
        }

        if (completed.UnsentForm is { } reason)
        {
            // A stop rather than a redirect: the user pressed a button and must learn that it did nothing.
            return ShowMessage(StatusCodes.Status200OK, new PageMessage("Verified", UnsentFormText.For(reason), "Continue", completed.NextUrl));
        }

        if (completed.Form is not null)
        {
            Resubmit = completed.Form;
            return Page();
        }

        return new RedirectResult(completed.NextUrl) { PreserveMethod = false, Permanent = false };
    }

    protected IActionResult ShowOutcomeMessage(ChallengeOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ChallengeStatus.Banned:
                var seconds = (int)Math.Ceiling(Math.Max(1, outcome.RetryAfter?.TotalSeconds ?? 60));
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ShowMessage(StatusCodes.Status429TooManyRequests, new PageMessage(
                    "Too many attempts",
                    $"For your security, verification is paused after several incorrect codes. Try again in {Duration(seconds)}."));
            case ChallengeStatus.TooManyAttempts:
                return ShowMessage(StatusCodes.Status400BadRequest, new PageMessage(
                    "Too many incorrect codes",
                    "For your security this verification has been stopped. Start again to get a new one.",
                    "Start again",
                    "/"));
            case ChallengeStatus.UserLocked:
                return ShowMessage(StatusCodes.Status403Forbidden, new PageMessage(
                    "Verification locked",
                    "There have been too many incorrect codes for this account. For your security, verification is locked. Contact your administrator to unlock it."));
            case ChallengeStatus.AlreadyEnrolled:
                return ShowMessage(StatusCodes.Status409Conflict, new PageMessage(
                    "Already set up",
                    "Two-step verification was set up for this account in another window. Start again to verify with it.",
                    "Start again",
                    "/"));
            case ChallengeStatus.InvitationRequired:
                return ShowMessage(StatusCodes.Status403Forbidden, new PageMessage(
                    "An invitation is needed",
                    "For your security, two-step verification for this account can only be set up from the invitation your administrator sends you by email. " +
                    "Open the link in that email in this browser, then sign in again. If you have no invitation, or it has expired, ask your administrator for one."));
            case ChallengeStatus.Undeliverable:
                return ShowMessage(StatusCodes.Status409Conflict, Unavailable(" Your code was not used."));
            case ChallengeStatus.SkipNotAllowed:
                return ShowMessage(StatusCodes.Status400BadRequest, new PageMessage(
                    "Set-up cannot be skipped",
                    "The time allowed to set up two-step verification has ended. Set it up now to continue.",
                    "Set it up",
                    "/"));
            default:
                return ShowMessage(StatusCodes.Status400BadRequest, new PageMessage(
                    "This verification has expired",
                    "Verification requests are valid for a few minutes and can be used once. Start again to get a new one.",
                    "Start again",
                    "/"));
        }
    }

    protected IActionResult ShowMessage(int status, PageMessage message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }

    protected PageResult ShowError(string error)
    {
        Error = error;
        Code = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static PageMessage Unavailable(string codeNote) => new(
        "Application no longer available",
        "The application you were signing in to is no longer configured on this gateway." + codeNote,
        "Go to the start page",
        "/");

    private static string AttemptsText(int left) => left == 1 ? "1 attempt left." : $"{left} attempts left.";

    private static string Duration(int seconds) => seconds < 90
        ? $"{seconds} seconds"
        : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
}
