using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MfaGateway.Challenges;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using MfaGateway.Web;

namespace MfaGateway.SelfService;

/// <summary>
/// The security page as JSON, for API clients, authenticated by the same gateway session (the cookie,
/// or the session header). Bodies are application/json only, so a cross-site form cannot post here;
/// errors follow OAuth 2.0 style ({"error", "error_description"}).
/// </summary>
public sealed class SecurityApi(
    SecurityCallerResolver callers,
    SecurityOverviewReader overviews,
    FactorChanges factorChanges,
    FactorRemoval factorRemoval,
    SignOutEverywhere signOutEverywhere,
    AuthenticatorSetup authenticators,
    PasskeySetup passkeys,
    RecoveryCodeRenewal recoveryCodes,
    DeviceChanges devices,
    MfaTurnOff turnOff,
    ChangeProofCheck proofs,
    PasskeyProof passkeyProofs,
    ChallengeService challenges,
    ChallengeResponder responder,
    SecurityLinks links,
    GatewayPaths paths)
{
    public Task StatusAsync(HttpContext context) => WithCallerAsync(context, async caller =>
    {
        var overview = await overviews.ReadAsync(context, caller);
        await WriteAsync(context, StatusCodes.Status200OK, new SecurityStatusResponse(
            overview.User,
            overview.App,
            overview.MfaOn,
            overview.MfaRequired,
            overview.MfaAt,
            overview.ChangesAllowedUntil,
            [.. overview.Factors.Select(f => FactorResponseItem.From(f, overview.CredentialOf(f)))],
            new RecoveryCodeStatus(overview.RecoveryCodesLeft, overview.FewRecoveryCodesLeft),
            [.. overview.Devices.Select(DeviceResponseItem.From)],
            overview.PasskeysOffered),
            SecurityApiJsonContext.Default.SecurityStatusResponse);
    });

    /// <summary>Needs a <see cref="ProofRequest"/> when the user has a factor already; an empty object otherwise.</summary>
    public Task StartAuthenticatorAsync(HttpContext context) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ProofRequest, async (caller, request) =>
    {
        var (outcome, setup) = await authenticators.StartAsync(context, caller, request.ToProof());
        await WriteOutcomeAsync(context, caller, outcome, () =>
        {
            var prompt = setup!.Prompt;
            return WriteAsync(context, StatusCodes.Status200OK, new AuthenticatorSetupResponse(
                setup.SetupId,
                prompt.SecretBase32,
                prompt.OtpAuthUri,
                prompt.QrCodePngDataUri,
                prompt.Settings.Algorithm.ToString().ToUpperInvariant(),
                prompt.Settings.Digits,
                prompt.Settings.PeriodSeconds,
                setup.ExpiresAt),
                SecurityApiJsonContext.Default.AuthenticatorSetupResponse);
        });
    });

    public Task ConfirmAuthenticatorAsync(HttpContext context) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ConfirmAuthenticatorRequest, async (caller, request) =>
    {
        var added = await authenticators.ConfirmAsync(context, caller, request.SetupId, request.Code, request.Name);
        await WriteAddedAsync(context, caller, added);
    });

    /// <summary>Needs a <see cref="ProofRequest"/> when the user has a factor already; an empty object otherwise.</summary>
    public Task StartPasskeyAsync(HttpContext context) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ProofRequest, async (caller, request) =>
    {
        var (outcome, setup) = await passkeys.StartAsync(context, caller, request.ToProof());
        await WriteOutcomeAsync(context, caller, outcome, () =>
        {
            using var options = JsonDocument.Parse(setup!.OptionsJson);
            return WriteAsync(context, StatusCodes.Status200OK, new PasskeySetupResponse(setup.SetupId, options.RootElement.Clone(), setup.ExpiresAt),
                SecurityApiJsonContext.Default.PasskeySetupResponse);
        });
    });

    public Task ConfirmPasskeyAsync(HttpContext context) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ConfirmPasskeyRequest, async (caller, request) =>
    {
        var added = await passkeys.ConfirmAsync(context, caller, request.SetupId, ProofRequest.CredentialText(request.Credential), request.Name);
        await WriteAddedAsync(context, caller, added);
    });

    public Task RenameAsync(HttpContext context, string id) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.RenameFactorRequest, async (caller, request) =>
        await WriteOutcomeAsync(context, caller, await factorChanges.RenameAsync(context, caller, id, request.Name), "renamed"));

    public Task MakePrimaryAsync(HttpContext context, string id) => WithJsonCallerAsync(context, async caller =>
        await WriteOutcomeAsync(context, caller, await factorChanges.MakePrimaryAsync(context, caller, id), "primary"));

    /// <summary>DELETE with an optional JSON body: a <see cref="ProofRequest"/>, needed for the last factor only.</summary>
    public Task RemoveAsync(HttpContext context, string id) => HasBody(context.Request)
        ? WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ProofRequest, async (caller, request) =>
            await WriteOutcomeAsync(context, caller, await factorRemoval.RemoveAsync(context, caller, id, request.ToProof()), "removed"))
        : WithCallerAsync(context, async caller =>
            await WriteOutcomeAsync(context, caller, await factorRemoval.RemoveAsync(context, caller, id, ChangeProof.None), "removed"));

    /// <summary>Options for a passkey proof of a sensitive change: answer them, then send proof_id and credential with the change.</summary>
    public Task StartPasskeyProofAsync(HttpContext context) => WithJsonCallerAsync(context, async caller =>
    {
        var (outcome, prompt) = await passkeyProofs.StartAsync(context, caller);
        await WriteOutcomeAsync(context, caller, outcome, () =>
        {
            using var options = JsonDocument.Parse(prompt!.OptionsJson);
            return WriteAsync(context, StatusCodes.Status200OK, new PasskeyProofResponse(prompt.ProofId, options.RootElement.Clone(), prompt.ExpiresAt),
                SecurityApiJsonContext.Default.PasskeyProofResponse);
        });
    });

    /// <summary>Ends every session of the user, this one included; needs a signed-in session, not a fresh MFA (it only takes access away).</summary>
    public Task SignOutEverywhereAsync(HttpContext context) => WithJsonCallerAsync(context, async caller =>
        await WriteOutcomeAsync(context, caller, await signOutEverywhere.EndAsync(context, caller), "signed_out"));

    public Task RenewRecoveryCodesAsync(HttpContext context) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ProofRequest, async (caller, request) =>
    {
        var (outcome, codes) = await recoveryCodes.RenewAsync(context, caller, request.ToProof());
        await WriteOutcomeAsync(context, caller, outcome, () =>
            WriteAsync(context, StatusCodes.Status200OK, new RecoveryCodesResponse(codes), SecurityApiJsonContext.Default.RecoveryCodesResponse));
    });

    public Task ForgetDeviceAsync(HttpContext context, string id) => WithCallerAsync(context, async caller =>
        await WriteOutcomeAsync(context, caller, await devices.ForgetAsync(context, caller, id), "forgotten"));

    public Task ForgetAllDevicesAsync(HttpContext context) => WithCallerAsync(context, async caller =>
    {
        var (outcome, count) = await devices.ForgetAllAsync(context, caller);
        await WriteOutcomeAsync(context, caller, outcome, () =>
            WriteAsync(context, StatusCodes.Status200OK, new ChangeResponse("forgotten", Count: count), SecurityApiJsonContext.Default.ChangeResponse));
    });

    public Task TurnOffAsync(HttpContext context) => WithJsonCallerAsync(context, SecurityApiJsonContext.Default.ProofRequest, async (caller, request) =>
        await WriteOutcomeAsync(context, caller, await turnOff.TurnOffAsync(context, caller, request.ToProof()), "disabled"));

    /// <summary>A POST without a body: still application/json only, which no cross-site form can send.</summary>
    private Task WithJsonCallerAsync(HttpContext context, Func<SecurityCaller, Task> action) => context.Request.HasJsonContentType()
        ? WithCallerAsync(context, action)
        : WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidRequest, "Send application/json.");

    private async Task WithJsonCallerAsync<T>(HttpContext context, JsonTypeInfo<T> type, Func<SecurityCaller, T, Task> action)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidRequest, "Send application/json.");
            return;
        }

        T? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(type, context.RequestAborted);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body is not valid JSON.");
            return;
        }

        if (request is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object.");
            return;
        }

        await WithCallerAsync(context, caller => action(caller, request));
    }

    private async Task WithCallerAsync(HttpContext context, Func<SecurityCaller, Task> action)
    {
        var app = context.Request.Query.TryGetValue("app", out var named) ? named.ToString() : null;
        var resolution = await callers.ResolveAsync(context, app);
        switch (resolution.Status)
        {
            case CallerStatus.Ready:
                await action(resolution.Caller!);
                return;
            case CallerStatus.VerificationNeeded:
                // Known user, no usable session: the gateway's usual 401 mfa_required, answered through its API.
                await responder.ChallengeAsync(
                    context,
                    new ChallengeRequest(resolution.App!, resolution.User!, resolution.Policy!, ChallengePurpose.SignIn, links.Page, resolution.Binding!),
                    isApi: true);
                return;
            default:
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.LoginRequired, "Sign in to the application first.");
                return;
        }
    }

    private Task WriteOutcomeAsync(HttpContext context, SecurityCaller caller, ChangeOutcome outcome, string status) =>
        WriteOutcomeAsync(context, caller, outcome, () => WriteAsync(
            context, StatusCodes.Status200OK, new ChangeResponse(status, outcome.SessionEnded, MfaSession: outcome.SessionToken), SecurityApiJsonContext.Default.ChangeResponse));

    private Task WriteAddedAsync(HttpContext context, SecurityCaller caller, AuthenticatorAdded added) =>
        WriteOutcomeAsync(context, caller, added.Outcome, () => WriteAsync(
            context,
            StatusCodes.Status201Created,
            new AuthenticatorAddedResponse(FactorResponseItem.From(added.Factor!, added.Credential), added.RecoveryCodes, added.SessionToken),
            SecurityApiJsonContext.Default.AuthenticatorAddedResponse));

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private async Task WriteOutcomeAsync(HttpContext context, SecurityCaller caller, ChangeOutcome outcome, Func<Task> writeSuccess)
    {
        var problem = outcome.Problem ?? string.Empty;
        switch (outcome.Status)
        {
            case ChangeStatus.Done:
                await writeSuccess();
                return;
            case ChangeStatus.FreshMfaRequired:
                await WriteFreshMfaRequiredAsync(context, caller, problem);
                return;
            case ChangeStatus.ProofRequired:
                var passkey = caller.User is { } user && (await proofs.WaysAsync(user, context.RequestAborted)).Passkey;
                await WriteAsync(context, StatusCodes.Status403Forbidden,
                    new SecurityErrorResponse(ErrorCodes.ProofRequired, problem, ProofOptionsUrl: passkey ? $"{paths.Prefix}/api/security/proof/webauthn" : null),
                    SecurityApiJsonContext.Default.SecurityErrorResponse);
                return;
            case ChangeStatus.NotFound:
                await WriteErrorAsync(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, problem);
                return;
            case ChangeStatus.InvalidInput:
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, problem);
                return;
            case ChangeStatus.Conflict:
                await WriteErrorAsync(context, StatusCodes.Status409Conflict, ErrorCodes.Conflict, problem);
                return;
            case ChangeStatus.WrongCode or ChangeStatus.CodeReused:
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidGrant, problem);
                return;
            case ChangeStatus.Expired:
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ExpiredToken, problem);
                return;
            case ChangeStatus.CredentialRefused:
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, FactorRejectionCodes.Code(outcome.Rejection), problem);
                return;
            case ChangeStatus.AuthenticatorNotAllowed:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.AuthenticatorNotAllowed, problem);
                return;
            case ChangeStatus.Banned:
                var seconds = (int)Math.Ceiling(Math.Max(1, outcome.RetryAfter?.TotalSeconds ?? 60));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyAttempts, problem);
                return;
            default:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, problem);
                return;
        }
    }

    /// <summary>
    /// 403 with the hosted verify page for browsers, and a step-up challenge opened for API clients,
    /// which cannot use that page: they answer it at the verify API and retry with the new session.
    /// </summary>
    private async Task WriteFreshMfaRequiredAsync(HttpContext context, SecurityCaller caller, string description)
    {
        var challenge = await challenges.CreateAsync(
            context.Origin(),
            new ChallengeRequest(caller.App, caller.Session.User, caller.Policy, ChallengePurpose.StepUp, links.Page, caller.Session.Binding),
            context.RequestAborted);
        await WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            new SecurityErrorResponse(ErrorCodes.FreshMfaRequired, description, links.VerifyFor(caller.App.Name), challenge.Id, paths.ApiVerify, challenge.ExpiresAt),
            SecurityApiJsonContext.Default.SecurityErrorResponse);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error, string description) =>
        WriteAsync(context, status, new SecurityErrorResponse(error, description), SecurityApiJsonContext.Default.SecurityErrorResponse);

    private static Task WriteAsync<T>(HttpContext context, int status, T body, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, type, cancellationToken: context.RequestAborted);
    }
}
