using System.Text.Json.Serialization;

namespace MfaGateway.Enforcement;

/// <summary>The 401 body an API client gets when MFA is needed (shape modelled on Auth0's mfa_required).</summary>
public sealed record MfaRequiredResponse(
    string Error,
    string ErrorDescription,
    string MfaToken,
    IReadOnlyList<string> AvailableFactors,
    bool EnrollmentRequired,
    string ChallengeUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EnrollUrl,
    DateTimeOffset ExpiresAt)
{
    /// <summary>What the challenge is for: "sign_in", "step_up" (this request needs a fresh MFA) or "enrolment" (set up a factor first).</summary>
    public required string Purpose { get; init; }

    /// <summary>For a step-up: the action it guards, as the challenge page names it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Action { get; init; }

    /// <summary>Set when enrolment may still be skipped (grace period): POST the mfa_token to <see cref="SkipUrl"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? GracePeriodEndsAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipUrl { get; init; }

    /// <summary>Set when a passkey or security key can answer (or be enrolled): POST the mfa_token here for its options.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WebauthnOptionsUrl { get; init; }

    /// <summary>Why a RiskBased policy asked for MFA, in plain words a client can show its user.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? RiskReasons { get; init; }
}

/// <summary>Every JSON error the gateway writes: OAuth-style error code plus a sentence.</summary>
public sealed record GatewayError(
    string Error,
    string ErrorDescription,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? AttemptsLeft = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MfaRequiredResponse))]
[JsonSerializable(typeof(GatewayError))]
internal sealed partial class EnforcementJsonContext : JsonSerializerContext;
