using MfaGateway.Apps;
using MfaGateway.Challenges;
using MfaGateway.Factors;
using MfaGateway.Networking;
using MfaGateway.Web;

namespace MfaGateway.Enforcement;

/// <summary>
/// Turns "MFA needed" into a response: browsers are redirected to the hosted challenge page, API
/// clients get 401 with an mfa_token they can complete through the JSON API and retry.
/// </summary>
public sealed class ChallengeResponder(ChallengeService challenges, GatewayPaths paths)
{
    public async Task ChallengeAsync(HttpContext context, ChallengeRequest request, bool isApi)
    {
        var challenge = await challenges.CreateAsync(context.Origin(), request, context.RequestAborted);
        await WriteChallengeAsync(context, challenge, isApi);
    }

    public async Task WriteChallengeAsync(HttpContext context, PendingChallenge challenge, bool isApi)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (!isApi)
        {
            ChallengeCookie.Append(context, challenge);
            response.StatusCode = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? StatusCodes.Status302Found
                : StatusCodes.Status303SeeOther;
            response.Headers.Location = paths.Challenge;
            return;
        }

        var available = challenge.EnrolmentRequired
            ? challenge.AllowedFactors
            : [.. (await challenges.AvailableFactorsAsync(challenge, context.RequestAborted)).Select(f => f.Type)];
        var graceUntil = challenge.EnrolmentRequired ? await challenges.GraceUntilAsync(challenge, context.RequestAborted) : null;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        await response.WriteAsJsonAsync(
            new MfaRequiredResponse(
                Error: ErrorCodes.MfaRequired,
                ErrorDescription: challenge.EnrolmentRequired
                    ? "Multi-factor authentication is required; enrol a factor to continue."
                    : "Multi-factor authentication is required.",
                MfaToken: challenge.Id,
                AvailableFactors: available,
                EnrollmentRequired: challenge.EnrolmentRequired,
                ChallengeUrl: paths.ApiVerify,
                EnrollUrl: challenge.EnrolmentRequired && challenge.AllowedFactors.Contains(FactorTypes.Totp) ? paths.ApiEnrolTotp : null,
                ExpiresAt: challenge.ExpiresAt)
            {
                GracePeriodEndsAt = graceUntil,
                SkipUrl = graceUntil is null ? null : paths.ApiSkip,
                WebauthnOptionsUrl = available.Contains(FactorTypes.WebAuthn) ? paths.ApiWebAuthnOptions : null,
                RiskReasons = challenge.RiskReasons.Count > 0 ? challenge.RiskReasons : null,
                Purpose = PurposeName(challenge),
                Action = challenge.Action,
            },
            EnforcementJsonContext.Default.MfaRequiredResponse,
            cancellationToken: context.RequestAborted);
    }

    /// <summary>Wire name of what the challenge is for; enrolment outranks the reason it was opened.</summary>
    public static string PurposeName(PendingChallenge challenge) =>
        challenge.EnrolmentRequired ? "enrolment" : challenge.Purpose == ChallengePurpose.StepUp ? "step_up" : "sign_in";

    /// <summary>
    /// An app session the gateway never saw created (it predates the gateway or was made around it):
    /// the app's cookie is cleared so the app asks for the password again, which the gateway watches.
    /// </summary>
    public Task ReauthenticateAsync(HttpContext context, ProtectedApp app, bool isApi)
    {
        var form = app.FormLogin!;
        context.Response.Cookies.Delete(form.SessionCookie, new CookieOptions { Path = "/", Secure = context.Request.IsHttps, HttpOnly = true });
        context.Response.Headers.CacheControl = "no-store";
        if (isApi)
        {
            return GatewayErrors.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.LoginRequired, "Sign in again: this session was not established through the gateway.");
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = form.LoginPath;
        return Task.CompletedTask;
    }
}
