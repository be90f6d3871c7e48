using System.Globalization;
using System.Text.Json;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Factors.Totp;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Networking;
using MfaGateway.Web;

namespace MfaGateway.Api;

/// <summary>
/// The challenge API for clients that cannot use the hosted pages: they get an mfa_token in a 401,
/// answer it here, and retry with the session they receive. Errors follow OAuth 2.0 conventions
/// (RFC 6749 section 5.2): invalid_grant for a wrong code, expired_token for a dead mfa_token.
/// Only application/json is accepted, so a cross-site form cannot post here.
/// </summary>
public static class GatewayApiEndpoints
{
    public static void MapGatewayApi(this IEndpointRouteBuilder app, GatewayPaths paths)
    {
        var api = app.MapGroup(string.Empty)
            .WithGroupName(ChallengeApiOpenApi.DocumentName)
            .WithOrder(GatewayEndpoints.Order)
            .WithTags("Challenge")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(GatewayError), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(GatewayError), ["application/json"]));

        api.MapPost(paths.ApiVerify, VerifyAsync)
            .WithName("Verify")
            .WithSummary("Answer a challenge")
            .WithDescription("With factor totp (the default) or recovery: the code. With factor webauthn: the credential the browser made from the options of " +
                "webauthn/options (PublicKeyCredential.toJSON()): an attestation while the user enrols (then name names the new passkey), an assertion otherwise. " +
                "Passed: the session to retry with. Refused: 400 with the reason's code (invalid_grant for a wrong code; origin_mismatch, " +
                "invalid_signature, counter_regression, ... for a passkey) and attempts_left; every refusal counts against the challenge's attempts.")
            .Produces<VerifyResponse>()
            .Produces<GatewayError>(StatusCodes.Status403Forbidden)
            .Produces<GatewayError>(StatusCodes.Status409Conflict)
            .Produces<GatewayError>(StatusCodes.Status429TooManyRequests)
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<VerifyRequest>(required: true, "The mfa_token of the 401 and the answer."));
        api.MapPost(paths.ApiWebAuthnOptions, WebAuthnOptionsAsync)
            .WithName("WebAuthnOptions")
            .WithSummary("Options for a passkey or security key")
            .WithDescription("ceremony create (while the user enrols: pass public_key to navigator.credentials.create) or get (pass it to navigator.credentials.get). " +
                "Each call replaces the challenge's earlier options; answer before expires_at by posting the credential to verify with factor webauthn.")
            .Produces<WebAuthnOptionsResponse>()
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<EnrolRequest>(required: true, "The mfa_token of the 401."));
        api.MapPost(paths.ApiSendCode, SendCodeAsync)
            .WithName("SendCode")
            .WithSummary("Send the code of an e-mail or SMS factor")
            .WithDescription("At a challenge: sends the code to the user's confirmed destination (a live code is kept unless resend is true and the " +
                "cooldown has passed). While enrolling: sends a confirmation code to destination (E.164 or national number, or an e-mail address); " +
                "omit destination to send a new code to the one being confirmed. Then post the code to verify with the same factor. " +
                "503 code_not_sent when the provider failed (no code is waiting; try again), 429 sending_limited when a sending limit refused it.")
            .Produces<SendCodeResponse>()
            .Produces<GatewayError>(StatusCodes.Status429TooManyRequests)
            .Produces<GatewayError>(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<SendCodeRequest>(required: true, "The mfa_token of the 401, the factor, and while enrolling the destination."));
        api.MapPost(paths.ApiEnrolTotp, EnrolTotpAsync)
            .WithName("EnrolTotp")
            .WithSummary("Start enrolling an authenticator app")
            .WithDescription("The secret, otpauth URI and QR code for a user who must enrol; then post a code from the app to verify.")
            .Produces<TotpEnrolResponse>()
            .Produces<GatewayError>(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<EnrolRequest>(required: true, "The mfa_token of the 401."));
        api.MapPost(paths.ApiSkip, SkipAsync)
            .WithName("SkipEnrolment")
            .WithSummary("Skip enrolment during the grace period")
            .Produces<VerifyResponse>()
            .Produces<GatewayError>(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<EnrolRequest>(required: true, "The mfa_token of the 401."));
        app.MapChallengeApiOpenApi(paths);
    }

    private static async Task VerifyAsync(HttpContext context, ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor)
    {
        var request = await ReadAsync(context, ApiJsonContext.Default.VerifyRequest);
        if (request is null)
        {
            return;
        }

        var factor = request.Factor ?? FactorTypes.Totp;
        var signed = factor == FactorTypes.WebAuthn;
        if (string.IsNullOrEmpty(request.MfaToken) || (signed ? request.Credential is not { ValueKind: JsonValueKind.Object } : string.IsNullOrEmpty(request.Code)))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                signed ? "mfa_token and credential (the browser's PublicKeyCredential.toJSON() object) are required for webauthn." : "mfa_token and code are required.");
            return;
        }

        string? name = null;
        if (request.Name is not null && !SelfService.FactorName.TryNormalize(request.Name, out name, out var problem))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"name: {problem}");
            return;
        }

        var response = signed ? new FactorResponse(null, request.Credential, name) : new FactorResponse(request.Code);
        var outcome = await challenges.VerifyAsync(context.Origin(), request.MfaToken, factor, response, context.RequestAborted);
        switch (outcome.Status)
        {
            case ChallengeStatus.Passed:
                await WriteCompletedAsync(context, completer, configMonitor, outcome, request.RememberDevice);
                return;
            case ChallengeStatus.Banned:
                var seconds = (int)Math.Ceiling(Math.Max(1, outcome.RetryAfter?.TotalSeconds ?? 60));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyAttempts, $"Too many incorrect codes; try again in {seconds} seconds.");
                return;
            case ChallengeStatus.WrongCode or ChallengeStatus.CodeReused:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, FactorRejectionCodes.Code(outcome.Rejection), FactorRejectionCodes.Description(outcome.Rejection), outcome.AttemptsLeft);
                return;
            case ChallengeStatus.TooManyAttempts:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidGrant, "Too many incorrect codes: this mfa_token can no longer be used.", 0);
                return;
            case ChallengeStatus.UserLocked:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "Verification is locked for this user after too many incorrect codes.");
                return;
            case ChallengeStatus.FactorNotAvailable:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.UnsupportedFactor, $"Factor '{factor}' is not available for this challenge.");
                return;
            case ChallengeStatus.AlreadyEnrolled:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status409Conflict, ErrorCodes.AlreadyEnrolled, "A factor was enrolled meanwhile; start a new challenge.");
                return;
            case ChallengeStatus.InvitationRequired:
                await WriteInvitationRequiredAsync(context);
                return;
            case ChallengeStatus.Undeliverable:
                await WriteUndeliverableAsync(context, " The code was not used.");
                return;
            default:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ExpiredToken, "The mfa_token is unknown, expired or already used.");
                return;
        }
    }

    private static async Task SkipAsync(HttpContext context, ChallengeService challenges, ChallengeCompleter completer, GatewayConfigMonitor configMonitor)
    {
        var request = await ReadAsync(context, ApiJsonContext.Default.EnrolRequest);
        if (request is null)
        {
            return;
        }

        var outcome = await challenges.SkipEnrolmentAsync(context.Origin(), request.MfaToken, context.RequestAborted);
        if (outcome.Status == ChallengeStatus.Skipped)
        {
            await WriteCompletedAsync(context, completer, configMonitor, outcome, rememberDevice: false);
        }
        else if (outcome.Status == ChallengeStatus.Undeliverable)
        {
            await WriteUndeliverableAsync(context, string.Empty);
        }
        else if (outcome.Status == ChallengeStatus.SkipNotAllowed)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.EnrollmentRequired, "Enrolment can no longer be skipped for this user.");
        }
        else
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ExpiredToken, "The mfa_token is unknown, expired or already used.");
        }
    }

    private static async Task WriteCompletedAsync(HttpContext context, ChallengeCompleter completer, GatewayConfigMonitor configMonitor, ChallengeOutcome outcome, bool rememberDevice)
    {
        var completed = await completer.CompleteAsync(context, outcome, rememberDevice, context.RequestAborted);
        if (completed is null)
        {
            await WriteUndeliverableAsync(context, string.Empty);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(
            new VerifyResponse(
                outcome.Status == ChallengeStatus.Skipped ? "skipped" : "verified",
                completed.SessionToken,
                configMonitor.Current.Session.Header,
                completed.Session.Factors,
                completed.Session.ExpiresAt,
                completed.NextUrl,
                completed.NewRecoveryCodes,
                completed.RecoveryCodesLeft,
                completed.Session.GraceUntil),
            ApiJsonContext.Default.VerifyResponse,
            cancellationToken: context.RequestAborted);
    }

    private static Task WriteInvitationRequiredAsync(HttpContext context) =>
        GatewayErrors.WriteJsonAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.InvitationRequired,
            "This policy lets a first factor be enrolled only from the user's invitation: open its link in this browser first.");

    private static Task WriteUndeliverableAsync(HttpContext context, string codeNote) =>
        GatewayErrors.WriteJsonAsync(context, StatusCodes.Status409Conflict, ErrorCodes.InvalidRequest, "The application of this challenge is no longer configured." + codeNote);

    private static async Task EnrolTotpAsync(HttpContext context, ChallengeService challenges)
    {
        if (await ReadChallengeAsync(context, challenges) is not { } challenge)
        {
            return;
        }

        if (await challenges.NeedsInvitationAsync(challenge, context.RequestAborted))
        {
            await WriteInvitationRequiredAsync(context);
            return;
        }

        if (challenge.EnrolmentRequired && !(await challenges.EnrolmentTypesAsync(challenge, context.RequestAborted)).Contains(FactorTypes.Totp))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.UnsupportedFactor, "This challenge's policy does not take an authenticator app: enrol a passkey or security key (webauthn/options).");
            return;
        }

        if (await challenges.StartEnrolmentAsync(challenge, FactorTypes.Totp, context.RequestAborted) is not TotpEnrolmentPrompt prompt)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status409Conflict, ErrorCodes.AlreadyEnrolled, "This user already has a factor: verify with it instead.");
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(
            new TotpEnrolResponse(prompt.SecretBase32, prompt.OtpAuthUri, prompt.QrCodePngDataUri, prompt.Settings.Algorithm.ToString().ToUpperInvariant(), prompt.Settings.Digits, prompt.Settings.PeriodSeconds),
            ApiJsonContext.Default.TotpEnrolResponse,
            cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// Options for a passkey or security key: creation options when the challenge's user must enrol,
    /// request options naming their credentials otherwise. Each call replaces the challenge's earlier
    /// options, so only the latest can be answered.
    /// </summary>
    private static async Task WebAuthnOptionsAsync(HttpContext context, ChallengeService challenges, GatewayPaths paths)
    {
        if (await ReadChallengeAsync(context, challenges) is not { } challenge)
        {
            return;
        }

        if (await challenges.NeedsInvitationAsync(challenge, context.RequestAborted))
        {
            await WriteInvitationRequiredAsync(context);
            return;
        }

        var (ceremony, options, expiresAt) = challenge.EnrolmentRequired
            ? await challenges.StartEnrolmentAsync(challenge, FactorTypes.WebAuthn, context.RequestAborted) is WebAuthnEnrolmentPrompt created
                ? ("create", created.OptionsJson, created.ExpiresAt)
                : default
            : await challenges.BeginAsync(challenge, FactorTypes.WebAuthn, context.RequestAborted) is AssertionPrompt asked
                ? ("get", asked.Request.OptionsJson, asked.Request.ExpiresAt)
                : default;
        if (options is null)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.UnsupportedFactor,
                challenge.EnrolmentRequired ? "Passkeys and security keys cannot be set up for this challenge." : "This user has no passkey or security key this challenge accepts.");
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        using var document = JsonDocument.Parse(options);
        await context.Response.WriteAsJsonAsync(
            new WebAuthnOptionsResponse(ceremony, document.RootElement, expiresAt, paths.ApiVerify),
            ApiJsonContext.Default.WebAuthnOptionsResponse,
            cancellationToken: context.RequestAborted);
    }

    /// <summary>The pending challenge a {"mfa_token"} body names, answering 4xx itself when there is none; null means "already answered".</summary>
    private static async Task SendCodeAsync(HttpContext context, ChallengeService challenges, GatewayPaths paths)
    {
        if (await ReadAsync(context, ApiJsonContext.Default.SendCodeRequest) is not { } request)
        {
            return;
        }

        if (await challenges.FindAsync(request.MfaToken, context.RequestAborted) is not { } challenge)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ExpiredToken, "The mfa_token is unknown, expired or already used.");
            return;
        }

        var factor = request.Factor ?? string.Empty;
        var client = context.Origin().ClientAddress;
        CodeDelivery? delivery;
        if (await challenges.NeedsInvitationAsync(challenge, context.RequestAborted))
        {
            await WriteInvitationRequiredAsync(context);
            return;
        }

        if (challenge.EnrolmentRequired)
        {
            var sent = await challenges.SendEnrolmentCodeAsync(challenge, factor, request.Destination, client, context.RequestAborted);
            if (sent?.Problem is { } problem)
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, problem);
                return;
            }

            delivery = sent?.Delivery;
        }
        else
        {
            delivery = (await challenges.BeginAsync(challenge, factor, context.RequestAborted, request.Resend, client) as SentCodePrompt)?.Delivery;
        }

        switch (delivery)
        {
            case null:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.UnsupportedFactor,
                    "This challenge does not take codes of that factor for this user (factor is email or sms, and the user must have one, or be enrolling one).");
                return;
            case { Problem: CodeDeliveryProblem.NotDelivered }:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.CodeNotSent,
                    "The code could not be sent just now; no code is waiting. Try again in a moment, or use another factor.");
                return;
            case { Problem: CodeDeliveryProblem.Limited }:
                context.Response.Headers.RetryAfter = Seconds(delivery.RetryAfter ?? TimeSpan.FromMinutes(1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.SendingLimited,
                    "A sending limit refused another code for now. Try again later, or use another factor.");
                return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(
            new SendCodeResponse(delivery.Sent, delivery.MaskedDestination, delivery.RetryAfter is { } wait ? Seconds(wait) : null, paths.ApiVerify),
            ApiJsonContext.Default.SendCodeResponse,
            cancellationToken: context.RequestAborted);
    }

    private static int Seconds(TimeSpan wait) => (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));

    private static async Task<PendingChallenge?> ReadChallengeAsync(HttpContext context, ChallengeService challenges)
    {
        if (await ReadAsync(context, ApiJsonContext.Default.EnrolRequest) is not { } request)
        {
            return null;
        }

        var challenge = await challenges.FindAsync(request.MfaToken, context.RequestAborted);
        if (challenge is null)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ExpiredToken, "The mfa_token is unknown, expired or already used.");
        }

        return challenge;
    }

    /// <summary>Reads a JSON body, answering 415/400 itself when it cannot; null means "already answered".</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidRequest, "Send application/json.");
            return null;
        }

        try
        {
            var value = await context.Request.ReadFromJsonAsync(type, context.RequestAborted);
            if (value is null)
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object.");
            }

            return value;
        }
        catch (JsonException)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body is not valid JSON.");
            return null;
        }
    }
}
