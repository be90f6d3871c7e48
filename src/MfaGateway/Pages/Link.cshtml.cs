using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Pages;

/// <summary>
/// "/.mfa/link/{secret}": the sign-in link of an e-mail code (a policy's EmailLink). GET only shows a
/// button, so a mail scanner that fetches links spends nothing; the POST answers the challenge of
/// this browser's own challenge cookie with the link's secret, exactly as the code would (same limits,
/// same audit). Opened in another browser there is no challenge to answer, and the link stays usable
/// where the sign-in started.
/// </summary>
public sealed class LinkModel(ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor)
    : ChallengePageModel(challenges, completer, configMonitor)
{
    public IActionResult OnGet()
    {
        NoLeaks();
        return ChallengeCookie.Read(HttpContext) is null ? OtherBrowser() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? secret)
    {
        NoLeaks();
        if (ChallengeCookie.Read(HttpContext) is null)
        {
            return OtherBrowser();
        }

        LinkSecret = secret ?? string.Empty;
        return await VerifyAsync(FactorTypes.Email);
    }

    /// <summary>No sign-in waits in this browser: another browser's link, or one used or expired already.</summary>
    private IActionResult OtherBrowser() => ShowMessage(StatusCodes.Status403Forbidden, new PageMessage(
        "This link cannot be used here",
        "A sign-in link works once, for a few minutes, and only in the browser where you entered your password. " +
        "Opened anywhere else it does nothing: open it there, or type the code from the same e-mail on the sign-in page. " +
        "If you did sign in in this browser, the link was used or has expired: start again.",
        "Start again",
        "/"));

    /// <summary>The secret is in the address: never cached, never passed on in a Referer ("origin" keeps the form's Origin header, which the gateway checks).</summary>
    private void NoLeaks()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "origin";
    }
}
