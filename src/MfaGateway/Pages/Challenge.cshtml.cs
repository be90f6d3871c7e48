using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Networking;
using MfaGateway.SelfService;
using MfaGateway.Web;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Pages;

public sealed class ChallengeModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor, GatewayPaths paths, FactorSet factorSet, SecurityLinks links)
    : ChallengePageModel(challenges, completer, configMonitor)
{
    /// <summary>The factor answered on this page and what it asks of the user.</summary>
    public (IChallengeFactor Factor, FactorPrompt Prompt)? Answering { get; private set; }

    /// <summary>The other ways the user can answer (a recovery code, another factor type).</summary>
    public IReadOnlyList<IChallengeFactor> Alternatives { get; private set; } = [];

    /// <summary>
    /// Set when the policy takes only factor types the user has none of (a passkey-only step-up for a
    /// user with an authenticator app): their names, so the page can say what to add.
    /// </summary>
    public IReadOnlyList<string> MissingFactors { get; private set; } = [];

    /// <summary>Where the user adds a factor: the security page of the challenge's app (step-ups only: a sign-in has no session yet).</summary>
    public string? AddFactorUrl => Pending is { Purpose: ChallengePurpose.StepUp } pending ? links.PageFor(pending.App) : null;

    /// <summary>Which factor type the form answers; chosen with ?method= and posted back.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Method { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var challenge = await LoadChallengeAsync();
        if (challenge is null)
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.Expired));
        }

        if (challenge.EnrolmentRequired && Method != FactorTypes.Recovery)
        {
            return Redirect(paths.Enrol);
        }

        if (await Challenges.BlockedAsync(HttpContext.Origin(), challenge, HttpContext.RequestAborted) is { } blocked)
        {
            return ShowOutcomeMessage(blocked);
        }

        await PrepareAsync(challenge);
        Response.StatusCode = DeliveryStatus();
        if (Answering is null)
        {
            return ShowMessage(StatusCodes.Status403Forbidden, new PageMessage(
                "A different verification method is needed",
                $"This needs {string.Join(" or ", MissingFactors.Select(Article))}, which your account does not have, and you have no recovery codes left. " +
                (AddFactorUrl is null ? "Ask your administrator to help you set one up." : "Add one on your security page, then try again."),
                AddFactorUrl is null ? null : "Go to the security page",
                AddFactorUrl));
        }

        return Page();
    }

    /// <summary>"Send a new code": a sent-code factor sends another once the cooldown has passed; the failure count stays.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var challenge = await LoadChallengeAsync();
        if (challenge is null)
        {
            return ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.Expired));
        }

        if (await Challenges.BlockedAsync(HttpContext.Origin(), challenge, HttpContext.RequestAborted) is { } blocked)
        {
            return ShowOutcomeMessage(blocked);
        }

        await PrepareAsync(challenge, resend: true);
        Response.StatusCode = DeliveryStatus();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await VerifyAsync(Method ?? FactorTypes.Totp);
        if (Error is not null && Pending is not null)
        {
            await PrepareAsync(Pending);
        }

        return result;
    }

    /// <param name="resend">The user asked for a new code; otherwise a code sent moments ago is kept, so showing the page again sends nothing.</param>
    private async Task PrepareAsync(PendingChallenge challenge, bool resend = false)
    {
        var available = await Challenges.AvailableFactorsAsync(challenge, HttpContext.RequestAborted);
        var chosen = available.FirstOrDefault(f => f.Type == Method) ?? available.FirstOrDefault();
        if (chosen is not null
            && await Challenges.BeginAsync(challenge, chosen.Type, HttpContext.RequestAborted, resend, HttpContext.Origin().ClientAddress) is { } prompt)
        {
            Answering = (chosen, prompt);
            Method = chosen.Type;
        }

        Alternatives = [.. available.Where(f => f.Type != Method)];
        MissingFactors = available.Any(f => f.Type != FactorTypes.Recovery)
            ? []
            : [.. challenge.AllowedFactors.Select(factorSet.DisplayName)];
    }

    /// <summary>A page that could not send its code says so in its status too: 503 when the provider failed, 429 when a limit refused it.</summary>
    private int DeliveryStatus() => (Answering?.Prompt as SentCodePrompt)?.Delivery.Problem switch
    {
        CodeDeliveryProblem.NotDelivered => StatusCodes.Status503ServiceUnavailable,
        CodeDeliveryProblem.Limited => StatusCodes.Status429TooManyRequests,
        _ => Response.StatusCode,
    };

    /// <summary>"a passkey or security key", "an authenticator app".</summary>
    public static string Article(string name) =>
        ("aeiou".Contains(char.ToLowerInvariant(name[0])) ? "an " : "a ") + name.ToLowerInvariant();
}
