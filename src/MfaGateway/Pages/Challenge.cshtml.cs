using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Networking;
using MfaGateway.Web;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Pages;

public sealed class ChallengeModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor, GatewayPaths paths)
    : ChallengePageModel(challenges, completer, configMonitor)
{
    /// <summary>The factor answered on this page and what it asks of the user.</summary>
    public (IChallengeFactor Factor, FactorPrompt Prompt)? Answering { get; private set; }

    /// <summary>The other ways the user can answer (a recovery code, another factor type).</summary>
    public IReadOnlyList<IChallengeFactor> Alternatives { get; private set; } = [];

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
        return Answering is null ? ShowOutcomeMessage(new ChallengeOutcome(ChallengeStatus.FactorNotAvailable)) : Page();
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

    private async Task PrepareAsync(PendingChallenge challenge)
    {
        var available = await Challenges.AvailableFactorsAsync(challenge, HttpContext.RequestAborted);
        var chosen = available.FirstOrDefault(f => f.Type == Method) ?? available.FirstOrDefault();
        if (chosen is not null && await Challenges.BeginAsync(challenge, chosen, HttpContext.RequestAborted) is { } prompt)
        {
            Answering = (chosen, prompt);
            Method = chosen.Type;
        }

        Alternatives = [.. available.Where(f => f.Type != Method)];
    }
}
