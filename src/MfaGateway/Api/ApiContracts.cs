using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaGateway.Api;

/// <param name="Credential">For webauthn: the browser's PublicKeyCredential.toJSON() (an attestation while enrolling, an assertion otherwise).</param>
/// <param name="Name">For webauthn enrolment: what the user calls the new passkey or key.</param>
public sealed record VerifyRequest(string? MfaToken, string? Factor, string? Code, bool RememberDevice = false, JsonElement? Credential = null, string? Name = null);

public sealed record EnrolRequest(string? MfaToken);

/// <param name="Factor">email or sms.</param>
/// <param name="Destination">While enrolling: the address or number to confirm (omit to send a new code to the one being confirmed).</param>
/// <param name="Resend">At a challenge: replace the live code with a new one (after the cooldown).</param>
public sealed record SendCodeRequest(string? MfaToken, string? Factor, string? Destination = null, bool Resend = false);

/// <param name="Sent">A new code went out now; false when the one sent moments ago is still the one to type.</param>
/// <param name="Destination">Where the code went, masked.</param>
/// <param name="RetryAfter">Seconds until another code may be sent, when one may not be now.</param>
public sealed record SendCodeResponse(
    bool Sent,
    string? Destination,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfter,
    string VerifyUrl);

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

/// <param name="Ceremony">"create" (pass PublicKey to navigator.credentials.create) while enrolling, "get" otherwise.</param>
/// <param name="PublicKey">PublicKeyCredentialCreationOptions or PublicKeyCredentialRequestOptions in their JSON form (PublicKeyCredential.parse*OptionsFromJSON).</param>
/// <param name="ExpiresAt">Answer before this: post the credential to VerifyUrl with factor "webauthn".</param>
public sealed record WebAuthnOptionsResponse(string Ceremony, JsonElement PublicKey, DateTimeOffset ExpiresAt, string VerifyUrl);

public sealed record TotpEnrolResponse(string Secret, string OtpauthUri, string QrCodePng, string Algorithm, int Digits, int Period);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(EnrolRequest))]
[JsonSerializable(typeof(SendCodeRequest))]
[JsonSerializable(typeof(SendCodeResponse))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(TotpEnrolResponse))]
[JsonSerializable(typeof(WebAuthnOptionsResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
