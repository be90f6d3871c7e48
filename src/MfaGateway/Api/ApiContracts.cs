using System.Text.Json.Serialization;

namespace MfaGateway.Api;

public sealed record VerifyRequest(string? MfaToken, string? Factor, string? Code, bool RememberDevice = false);

public sealed record EnrolRequest(string? MfaToken);

/// <param name="MfaSession">Send back as the session header (or keep the cookie) when retrying.</param>
/// <param name="RedirectTo">Where a browser would continue: the app's withheld login redirect or the original URL.</param>
/// <param name="RecoveryCodes">Issued with a first enrolment; returned once, never again.</param>
/// <param name="RecoveryCodesLeft">After a recovery code was used.</param>
public sealed record VerifyResponse(
    string Status,
    string MfaSession,
    string SessionHeader,
    IReadOnlyList<string> Factors,
    DateTimeOffset ExpiresAt,
    string RedirectTo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RecoveryCodes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RecoveryCodesLeft = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? GracePeriodEndsAt = null);

public sealed record TotpEnrolResponse(string Secret, string OtpauthUri, string QrCodePng, string Algorithm, int Digits, int Period);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(EnrolRequest))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(TotpEnrolResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
