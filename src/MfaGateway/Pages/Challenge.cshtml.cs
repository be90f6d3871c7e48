using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Factors;
using MfaGateway.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Pages;

public sealed class ChallengeModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor, GatewayPaths paths)
    : ChallengePageModel(challenges, completer, configMonitor)
{
    public IReadOnlyList<IMfaFactor> Factors { get; private set; } = [];

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

        Factors = await Challenges.AvailableFactorsAsync(challenge, HttpContext.RequestAborted);
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => VerifyAsync(FactorTypes.Totp);
}
