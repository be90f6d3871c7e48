using System.Globalization;
using System.Text.Json;
using MfaGateway.Administration;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.Storage;
using MfaGateway.Web;

namespace MfaGateway.Api;

/// <summary>
/// The step-up API for app backends (FusionAuth's two-step login, done by the gateway): the app asks
/// for a step-up of one of its users with an opaque state, the gateway sends the code (e-mail, SMS) or
/// expects one from the user's app (TOTP), and the app completes it with the code the user typed,
/// getting its state back with the verification time. Authenticated by a key bound to one app
/// (Gateway:StepUpApi); its challenges are answered only here, never at the hosted pages or the
/// challenge API, and wrong codes count against the user, not against the app server's address.
/// </summary>
public static class StepUpApiEndpoints
{
    public const int MaxStateLength = 4096;
    private const int MaxUserLength = 256;

    public static void MapStepUpApi(this IEndpointRouteBuilder app, GatewayPaths paths)
    {
        var api = app.MapGroup(string.Empty)
            .WithGroupName(ChallengeApiOpenApi.DocumentName)
            .WithOrder(GatewayEndpoints.Order)
            .WithTags("Step-up API for apps")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(GatewayError), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(GatewayError), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(GatewayError), ["application/json"]));
        api.MapPost(paths.ApiStepUpStart, StartAsync)
            .WithName("StepUpStart")
            .WithSummary("Start a step-up of one of the app's users")
            .WithDescription("Authenticated with the app's key (Authorization: Bearer, or X-Api-Key). Sends the code for email and sms; " +
                "for totp the user types the code their app shows. Then call complete with the id and the code the user typed. " +
                "400 enrollment_required when the user has no such factor; 503 code_not_sent when the provider failed.")
            .Produces<StepUpStartResponse>(StatusCodes.Status201Created)
            .Produces<GatewayError>(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<StepUpStartRequest>(required: true, "The user, the factor (optional) and the app's opaque state."));
        api.MapPost(paths.ApiStepUpComplete, CompleteAsync)
            .WithName("StepUpComplete")
            .WithSummary("Complete a step-up with the code the user typed")
            .WithDescription("Passed: the user, factor, the state given to start, and verified_at. A wrong code is 400 invalid_grant with attempts_left " +
                "(it counts against the user as at a challenge); an unknown, expired, used or another app's id is 400 expired_token.")
            .Produces<StepUpCompleteResponse>()
            .Produces<GatewayError>(StatusCodes.Status429TooManyRequests)
            .AddOpenApiOperationTransformer(OpenApiJsonBody.Of<StepUpCompleteRequest>(required: true, "The id from start and the code."));
    }

    private static async Task StartAsync(HttpContext context, ChallengeService challenges, GatewayConfigMonitor monitor, IUserStore users, IFactorStore factors, IEphemeralStore store, TimeProvider time)
    {
        if (await AuthenticateAsync(context, monitor.Current) is not { } caller
            || await ReadAsync(context, StepUpApiJsonContext.Default.StepUpStartRequest) is not { } request)
        {
            return;
        }

        var (key, app) = caller;
        var userName = UserName.Normalize(request.User, app.UserNameCase);
        if (userName is null || userName.Length > MaxUserLength || request.State is { Length: > MaxStateLength })
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"user is required (at most {MaxUserLength} characters); state is optional, at most {MaxStateLength} characters.");
            return;
        }

        var user = await users.FindAsync(app.Realm, userName, context.RequestAborted);
        var enrolled = user is null ? [] : await factors.ListAsync(user.Id, context.RequestAborted);
        var factor = request.Factor?.ToLowerInvariant() ?? (enrolled.FirstOrDefault(f => f.IsPrimary) ?? enrolled.FirstOrDefault())?.Type;
        if (factor is null || !enrolled.Any(f => f.Type == factor) || factor is not (FactorTypes.Totp or FactorTypes.Email or FactorTypes.Sms))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.EnrollmentRequired,
                "The user has no factor of that type to step up with (the step-up API takes totp, email and sms).");
            return;
        }

        var policy = (app.SignInPolicy ?? monitor.Current.DefaultPolicy) with { AllowedFactors = new HashSet<string> { factor } };
        var challenge = await challenges.CreateAsync(Origin(key), new ChallengeRequest(app, userName, policy, ChallengePurpose.AppStepUp, "/", $"step-up-api:{key.Name}"), context.RequestAborted);
        var state = new StepUpState(app.Name, key.Name, userName, factor, request.State);
        await store.SetAsync(StateKey(challenge.Id), JsonSerializer.SerializeToUtf8Bytes(state, StepUpApiJsonContext.Default.StepUpState),
            challenge.ExpiresAt - time.GetUtcNow(), ChallengeStore.OwnerOf(challenge), context.RequestAborted);

        string? destination = null;
        if (factor != FactorTypes.Totp)
        {
            var delivery = (await challenges.BeginAsync(challenge, factor, context.RequestAborted) as SentCodePrompt)?.Delivery;
            if (delivery is null or { CodeWaiting: false })
            {
                await GatewayErrors.WriteJsonAsync(context, delivery?.Problem == CodeDeliveryProblem.Limited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable,
                    delivery?.Problem == CodeDeliveryProblem.Limited ? ErrorCodes.SendingLimited : ErrorCodes.CodeNotSent,
                    "The code could not be sent; nothing is waiting for the user. Start again in a moment, or use another factor.");
                return;
            }

            destination = delivery.MaskedDestination;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new StepUpStartResponse(challenge.Id, factor, challenge.ExpiresAt, destination),
            StepUpApiJsonContext.Default.StepUpStartResponse, cancellationToken: context.RequestAborted);
    }

    private static async Task CompleteAsync(HttpContext context, ChallengeService challenges, GatewayConfigMonitor monitor, IEphemeralStore store, TimeProvider time)
    {
        if (await AuthenticateAsync(context, monitor.Current) is not { } caller
            || await ReadAsync(context, StepUpApiJsonContext.Default.StepUpCompleteRequest) is not { } request)
        {
            return;
        }

        // Another app's id is as unknown as a made-up one: a key steps up its own app's users only.
        var state = string.IsNullOrEmpty(request.Id) || request.Id.Length > 128 ? null : Parse(await store.GetAsync(StateKey(request.Id), context.RequestAborted));
        if (state is null || !state.App.Equals(caller.App.Name, StringComparison.OrdinalIgnoreCase))
        {
            await ExpiredAsync(context);
            return;
        }

        var outcome = await challenges.VerifyAsync(Origin(caller.Key), request.Id, state.Factor, new FactorResponse(request.Code), context.RequestAborted, forApp: true);
        switch (outcome.Status)
        {
            case ChallengeStatus.Passed when await store.TakeAsync(StateKey(request.Id!), context.RequestAborted) is not null:
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsJsonAsync(new StepUpCompleteResponse(state.User, state.Factor, state.State, time.GetUtcNow()),
                    StepUpApiJsonContext.Default.StepUpCompleteResponse, cancellationToken: context.RequestAborted);
                return;
            case ChallengeStatus.WrongCode or ChallengeStatus.CodeReused:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, FactorRejectionCodes.Code(outcome.Rejection), FactorRejectionCodes.Description(outcome.Rejection), outcome.AttemptsLeft);
                return;
            case ChallengeStatus.Banned:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, outcome.RetryAfter?.TotalSeconds ?? 60))).ToString(CultureInfo.InvariantCulture);
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyAttempts, "Too many incorrect codes for this user; try again later.");
                return;
            case ChallengeStatus.UserLocked:
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "Verification is locked for this user after too many incorrect codes.");
                return;
            default:
                await ExpiredAsync(context);
                return;
        }
    }

    /// <summary>The key and its app, or null after answering 404 (no keys configured) or 401 (no valid key).</summary>
    private static async Task<(AdminKey Key, Apps.ProtectedApp App)?> AuthenticateAsync(HttpContext context, GatewayConfig config)
    {
        if (config.StepUpApi.Keys.Count == 0)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The step-up API is off: no Gateway:StepUpApi:Keys are configured.");
            return null;
        }

        if (AdminKeyAuthenticator.Authenticate(context.Request, config.StepUpApi.Keys) is { } key
            && config.StepUpApi.AppOf.TryGetValue(key.Name, out var appName) && config.Apps.TryGetValue(appName, out var app))
        {
            return (key, app);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, "Send the app's step-up API key as Authorization: Bearer <key> or X-Api-Key.");
        return null;
    }

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
            if (await context.Request.ReadFromJsonAsync(type, context.RequestAborted) is { } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
        }

        await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        return null;
    }

    private static Task ExpiredAsync(HttpContext context) =>
        GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ExpiredToken, "The step-up id is unknown, expired, already used, or another app's.");

    /// <summary>
    /// No client address: the caller is the app's server, speaking for all its users, so a per-address
    /// ban would lock out everyone; the per-user limits still apply to each user's wrong codes.
    /// </summary>
    private static RequestOrigin Origin(AdminKey key) => new(null, $"step-up-api:{key.Name}");

    private static string StateKey(string id) => $"stepup-api:{id}";

    private static StepUpState? Parse(byte[]? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(stored, StepUpApiJsonContext.Default.StepUpState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
