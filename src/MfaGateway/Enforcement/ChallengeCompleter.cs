using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Factors;
using MfaGateway.Networking;
using MfaGateway.Risk;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Enforcement;

/// <summary>What happens after a passed (or skipped) challenge, for pages and API alike.</summary>
/// <param name="NextUrl">Where the user continues: the app's withheld redirect, or the page that asked for MFA.</param>
/// <param name="NewRecoveryCodes">Shown once, right now, and never again.</param>
/// <param name="RecoveryCodesLeft">After a recovery code was used.</param>
public sealed record CompletedChallenge(
    string SessionToken,
    GatewaySession Session,
    string NextUrl,
    PreservedForm? Form,
    UnsentFormReason? UnsentForm,
    IReadOnlyList<string>? NewRecoveryCodes,
    int? RecoveryCodesLeft);

/// <summary>
/// Issues the gateway session for a passed challenge and releases what was held back: the app's
/// own Set-Cookie headers from the login, so the app session starts only now. Remembers the device
/// when the user asked and the policy allows it.
/// </summary>
public sealed class ChallengeCompleter(
    GatewaySessionCookies sessionCookies,
    TrustedDeviceService trustedDevices,
    RiskHistoryRecorder riskHistory,
    GatewayConfigMonitor configMonitor,
    TimeProvider time)
{
    /// <returns>Null when the challenge's app no longer exists (removed by a config reload).</returns>
    public async Task<CompletedChallenge?> CompleteAsync(HttpContext context, ChallengeOutcome outcome, bool rememberDevice, CancellationToken cancellationToken)
    {
        var challenge = outcome.Challenge!;
        var config = configMonitor.Current;
        if (!config.Apps.TryGetValue(challenge.App, out var app))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = outcome.Status == ChallengeStatus.Skipped
            ? GatewaySession.InGracePeriod(app.Name, challenge.User, challenge.SessionBinding, outcome.GraceUntil, now, config.Session.Lifetime)
            : GatewaySession.AfterMfa(app.Name, challenge.User, outcome.FactorType!, challenge.SessionBinding, now, config.Session.Lifetime);
        var token = sessionCookies.Write(context, app, config.Session, session);
        foreach (var setCookie in challenge.HeldBack?.SetCookies ?? [])
        {
            context.Response.Headers.Append(HeaderNames.SetCookie, setCookie);
        }

        ChallengeCookie.Delete(context);

        var user = outcome.Status == ChallengeStatus.Passed ? outcome.User : null;

        // This device and place are now known to be the user's: later risk checks compare with them.
        string? knownDeviceId = null;
        if (user is not null)
        {
            var device = await riskHistory.RecordMfaAsync(context.Origin(), user, now, cancellationToken);
            if (device.IssuedToken is { } deviceToken)
            {
                DeviceCookie.Append(context, deviceToken, now + config.Risk.DeviceCookieLifetime);
            }

            knownDeviceId = device.DeviceId;
        }

        if (rememberDevice && user is not null && outcome.FactorType != FactorTypes.Recovery
            && config.Policies.TryGetValue(challenge.PolicyName, out var policy) && policy.TrustedDeviceLifetime is { } lifetime)
        {
            await trustedDevices.TrustAsync(context, app, user, outcome.FactorType!, lifetime, now, knownDeviceId, cancellationToken);
        }

        return new CompletedChallenge(token, session, challenge.HeldBack?.Location ?? challenge.ReturnUrl, challenge.Form, challenge.UnsentForm, outcome.NewRecoveryCodes, outcome.RecoveryCodesLeft);
    }
}
