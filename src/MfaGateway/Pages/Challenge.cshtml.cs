using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Factors;
using MfaGateway.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Pages;

public sealed class ChallengeModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor, GatewayPaths paths)
    : ChallengePageModel(challenges, completer, configMonitor)
{
    /// <summary>The factor answered on this page and what it asks of the user.</summary>
    public (IMfaFactor Factor, FactorPrompt Prompt)? Answering { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var challenge = await LoadChallengeAsync();
        if (challenge is null)
        {
            return ShowOutcomeMessage(ChallengeStatus.Expired);
        }

        if (challenge.EnrolmentRequired)
        {
            return Redirect(paths.Enrol);
        }

        if (await Challenges.IsUserLockedAsync(challenge, HttpContext.RequestAborted))
        {
            return ShowOutcomeMessage(ChallengeStatus.UserLocked);
        }

        await PrepareAsync(challenge);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await VerifyAsync(FactorTypes.Totp);
        if (Error is not null && Pending is not null)
        {
            await PrepareAsync(Pending);
        }

        return result;
    }

    private async Task PrepareAsync(PendingChallenge challenge)
    {
        var available = await Challenges.AvailableFactorsAsync(challenge, HttpContext.RequestAborted);
        var totp = available.FirstOrDefault(f => f.Type == FactorTypes.Totp);
        if (totp is not null && await Challenges.BeginAsync(challenge, totp, HttpContext.RequestAborted) is { } prompt)
        {
            Answering = (totp, prompt);
        }
    }
}
