using System.Text.Json.Serialization;

namespace MfaGateway.Api;

/// <param name="User">The user as the app knows them (the same name the gateway learns at sign-in).</param>
/// <param name="Factor">totp, email or sms; omitted: the user's primary factor.</param>
/// <param name="State">Opaque to the gateway (at most 4096 characters): given back by complete, so the app knows what was confirmed.</param>
public sealed record StepUpStartRequest(string? User, string? Factor, string? State);

/// <param name="Id">The step-up to complete; valid until expires_at, once.</param>
/// <param name="Destination">For email and sms: where the code went, masked.</param>
public sealed record StepUpStartResponse(
    string Id,
    string Factor,
    DateTimeOffset ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Destination);

public sealed record StepUpCompleteRequest(string? Id, string? Code);

/// <param name="VerifiedAt">When the code was checked, for the app's own maximum age.</param>
public sealed record StepUpCompleteResponse(string User, string Factor, string? State, DateTimeOffset VerifiedAt);

/// <summary>Kept with an app's step-up, under its id: which key opened it and what to give back.</summary>
public sealed record StepUpState(string App, string Key, string User, string Factor, string? State);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StepUpStartRequest))]
[JsonSerializable(typeof(StepUpStartResponse))]
[JsonSerializable(typeof(StepUpCompleteRequest))]
[JsonSerializable(typeof(StepUpCompleteResponse))]
[JsonSerializable(typeof(StepUpState))]
internal sealed partial class StepUpApiJsonContext : JsonSerializerContext;
