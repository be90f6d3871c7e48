using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Factors.Totp;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Networking;
using MfaGateway.Web;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Pages;

public sealed class EnrolModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor, GatewayPaths paths, TimeProvider time)
    : ChallengePageModel(challenges, completer, configMonitor)
{
    public TotpEnrolmentPrompt? Prompt { get; private set; }

    public WebAuthnEnrolmentPrompt? PasskeyPrompt { get; private set; }

    /// <summary>Setting up an e-mail address or phone number: its field, then the code sent to it.</summary>
    public SentCodeEnrolmentPrompt? SentCodePrompt { get; private set; }

    /// <summary>The e-mail address or phone number typed, shown again with a problem.</summary>
    [BindProperty]
    public string? Destination { get; set; }

    /// <summary>The error belongs to the destination field, not the code field.</summary>
    public bool DestinationProblem { get; private set; }

    /// <summary>Posted by "Send a new code": a new code to the destination being confirmed.</summary>
    [BindProperty]
    public bool Resend { get; set; }

    /// <summary>The other kinds of factor the user may set up instead of the one shown.</summary>
    public IReadOnlyList<string> OtherMethods { get; private set; } = [];

    /// <summary>Which kind of factor is being set up; chosen with ?method= and posted back.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Method { get; set; }

    /// <summary>When set, the user may skip set-up until then (the policy's grace period).</summary>
    public DateTimeOffset? GraceUntil { get; private set; }

    /// <summary>Whole days left in the grace period, counting a started day as one.</summary>
    public int? GraceDaysLeft => GraceUntil is { } until ? Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalDays)) : null;

    public async Task<IActionResult> OnGetAsync()
    {
        var challenge = await LoadChallengeAsync();
        if (challenge is null)
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.Expired));
        }

        if (!challenge.EnrolmentRequired)
        {
            return Redirect(paths.Challenge);
        }

        if (await Challenges.NeedsInvitationAsync(challenge, HttpContext.RequestAborted))
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.InvitationRequired));
        }

        return await ShowPromptAsync(challenge);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Method == FactorTypes.WebAuthn && !string.IsNullOrWhiteSpace(Name) && !MfaGateway.SelfService.FactorName.TryNormalize(Name, out _, out var problem))
        {
            var challenge = await LoadChallengeAsync();
            if (challenge is null)
            {
                return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.Expired));
            }

            await PreparePromptAsync(challenge);
            return ShowError(problem);
        }

        var result = await VerifyAsync(Method is FactorTypes.WebAuthn or FactorTypes.Email or FactorTypes.Sms ? Method : FactorTypes.Totp);
        if (Error is not null && Pending is not null)
        {
            // Wrong code: show the same QR code and key again with the error.
            await PreparePromptAsync(Pending);
        }

        return result;
    }

    /// <summary>Sends a confirmation code to the typed e-mail address or phone number (or, with Resend, a new one to the same).</summary>
    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        var challenge = await LoadChallengeAsync();
        if (challenge is null)
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.Expired));
        }

        if (await Challenges.NeedsInvitationAsync(challenge, HttpContext.RequestAborted))
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.InvitationRequired));
        }

        var sent = await Challenges.SendEnrolmentCodeAsync(challenge, Method ?? string.Empty, Resend ? null : Destination ?? string.Empty, HttpContext.Origin().ClientAddress, HttpContext.RequestAborted);
        await PreparePromptAsync(challenge);
        if (sent is null || SentCodePrompt is null)
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.FactorNotAvailable));
        }

        if (sent.Problem is { } problem)
        {
            DestinationProblem = true;
            return ShowError(problem);
        }

        SentCodePrompt = SentCodePrompt with { Delivery = sent.Delivery };
        Response.StatusCode = sent.Delivery?.Problem switch
        {
            CodeDeliveryProblem.NotDelivered => StatusCodes.Status503ServiceUnavailable,
            CodeDeliveryProblem.Limited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    /// <summary>"Skip for now": only inside the grace period, and never for a user an administrator requires MFA of.</summary>
    public async Task<IActionResult> OnPostSkipAsync()
    {
        var outcome = await Challenges.SkipEnrolmentAsync(HttpContext.Origin(), ChallengeCookie.Read(HttpContext), HttpContext.RequestAborted);
        return outcome.Status == ChallengeStatus.Skipped ? await CompleteAsync(outcome) : ShowOutcomeMessage(outcome);
    }

    private async Task<IActionResult> ShowPromptAsync(PendingChallenge challenge)
    {
        await PreparePromptAsync(challenge);
        return Prompt is null && PasskeyPrompt is null && SentCodePrompt is null ? ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.FactorNotAvailable)) : Page();
    }

    /// <summary>The chosen kind if the policy allows it, else the policy's first (an authenticator app unless the policy takes only passkeys).</summary>
    private async Task PreparePromptAsync(PendingChallenge challenge)
    {
        var types = await Challenges.EnrolmentTypesAsync(challenge, HttpContext.RequestAborted);
        Method = types.Contains(Method ?? string.Empty) ? Method : types.FirstOrDefault();
        if (Method is { } method)
        {
            var prompt = await Challenges.StartEnrolmentAsync(challenge, method, HttpContext.RequestAborted);
            Prompt = prompt as TotpEnrolmentPrompt;
            PasskeyPrompt = prompt as WebAuthnEnrolmentPrompt;
            SentCodePrompt = prompt as SentCodeEnrolmentPrompt;
        }

        OtherMethods = [.. types.Where(t => t != Method)];
        GraceUntil = await Challenges.GraceUntilAsync(challenge, HttpContext.RequestAborted);
    }
}
