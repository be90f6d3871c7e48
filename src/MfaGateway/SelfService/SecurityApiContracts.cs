using System.Text.Json;
using System.Text.Json.Serialization;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <param name="ChangesAllowedUntil">Until when changes go through without verifying again; null without an MFA.</param>
public sealed record SecurityStatusResponse(
    string User,
    string App,
    bool MfaEnabled,
    bool MfaRequired,
    DateTimeOffset? MfaAt,
    DateTimeOffset? ChangesAllowedUntil,
    IReadOnlyList<FactorResponseItem> Factors,
    RecoveryCodeStatus RecoveryCodes,
    IReadOnlyList<DeviceResponseItem> Devices,
    bool PasskeysOffered);

/// <param name="WebAuthn">For a passkey or security key (type "webauthn") only: what it is and whether it is synced.</param>
public sealed record FactorResponseItem(
    string Id,
    string Type,
    string Name,
    bool Primary,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    [property: JsonPropertyName("webauthn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebAuthnResponseItem? WebAuthn = null)
{
    public static FactorResponseItem From(FactorRecord factor, WebAuthnCredential? credential = null) =>
        new(factor.Id, factor.Type, factor.Name, factor.IsPrimary, factor.CreatedAt, factor.LastUsedAt, credential is null ? null : WebAuthnResponseItem.From(credential));
}

/// <param name="Kind">"passkey" (backup eligible: it may be synced) or "security_key" (bound to one authenticator).</param>
/// <param name="Sync">"synced" (BS set), "can_be_synced" (BE, not BS) or "device_only" (not BE).</param>
/// <param name="PossiblyCloned">Its signature counter once went backwards: someone may hold a copy; remove it if in doubt.</param>
public sealed record WebAuthnResponseItem(string Kind, bool BackupEligible, bool BackedUp, string Sync, bool PossiblyCloned)
{
    public static WebAuthnResponseItem From(WebAuthnCredential credential) => new(
        WebAuthnCredentialKinds.KindOf(credential), credential.BackupEligible, credential.BackedUp, WebAuthnCredentialKinds.SyncOf(credential), credential.PossiblyCloned);
}

/// <param name="Low">At or below the level where the user should generate new codes.</param>
public sealed record RecoveryCodeStatus(int Remaining, bool Low);

/// <param name="Id">What DELETE /devices/{id} takes.</param>
/// <param name="Recognised">The user passed MFA on this browser: a RiskBased policy's new-device trigger stays quiet there.</param>
/// <param name="RememberedUntil">Until when it signs in without a code ("Remember this device"); null when not remembered.</param>
/// <param name="Current">The device this request comes from.</param>
public sealed record DeviceResponseItem(
    string Id,
    string Browser,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? LastIp,
    string? LastPlace,
    bool Recognised,
    bool Remembered,
    DateTimeOffset? RememberedUntil,
    bool Current)
{
    public static DeviceResponseItem From(Devices.UserDevice device) => new(
        device.Id, device.Browser, device.FirstSeen, device.LastSeen, device.LastIp, device.LastPlace, device.Recognised, device.Remembered, device.RememberedUntil, device.Current);
}

public sealed record RenameFactorRequest(string? Name);

public sealed record ConfirmAuthenticatorRequest(string? SetupId, string? Code, string? Name);

/// <param name="Credential">The browser's PublicKeyCredential.toJSON(), as an object (or that JSON as a string).</param>
public sealed record ConfirmPasskeyRequest(string? SetupId, JsonElement? Credential, string? Name);

/// <summary>
/// The proof a sensitive change needs now (new recovery codes, another factor, removing the last one,
/// turning MFA off): a code (from an app, or a recovery code), or a passkey's answer to the options
/// from POST /proof/webauthn.
/// </summary>
/// <param name="Credential">The browser's PublicKeyCredential.toJSON() of the assertion, as an object (or that JSON as a string).</param>
public sealed record ProofRequest(string? Code, string? ProofId, JsonElement? Credential)
{
    public ChangeProof ToProof() => new(Code, ProofId, CredentialText(Credential));

    /// <summary>The browser's object as it came; a client that sent the JSON as a string is read the same.</summary>
    public static string? CredentialText(JsonElement? credential) => credential switch
    {
        { ValueKind: JsonValueKind.Object } json => json.GetRawText(),
        { ValueKind: JsonValueKind.String } json => json.GetString(),
        _ => null,
    };
}

/// <param name="Options">PublicKeyCredentialRequestOptions as JSON: give it to PublicKeyCredential.parseRequestOptionsFromJSON, then navigator.credentials.get.</param>
public sealed record PasskeyProofResponse(string ProofId, JsonElement Options, DateTimeOffset ExpiresAt);

/// <param name="Options">PublicKeyCredentialCreationOptions as JSON: give it to PublicKeyCredential.parseCreationOptionsFromJSON, then navigator.credentials.create.</param>
public sealed record PasskeySetupResponse(string SetupId, JsonElement Options, DateTimeOffset ExpiresAt);

public sealed record AuthenticatorSetupResponse(string SetupId, string Secret, string OtpauthUri, string QrCodePng, string Algorithm, int Digits, int Period, DateTimeOffset ExpiresAt);

/// <param name="RecoveryCodes">With the first factor only; returned once, never again.</param>
/// <param name="MfaSession">With the first factor only: the session now carries this MFA; send it as the session header from now on.</param>
public sealed record AuthenticatorAddedResponse(
    FactorResponseItem Factor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RecoveryCodes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaSession);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <param name="SessionEnded">The gateway session was ended (MFA is off): the next request signs in or enrols again.</param>
/// <param name="Count">How many items the change touched (forgotten devices).</param>
/// <param name="MfaSession">The change ended the user's other sessions and re-issued this one: send it as the session header from now on.</param>
public sealed record ChangeResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool SessionEnded = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaSession = null);

/// <summary>An error in OAuth 2.0 style; a missing fresh MFA also says how to get one.</summary>
/// <param name="VerifyUrl">The hosted page that runs a fresh challenge and comes back to the security page.</param>
/// <param name="MfaToken">A step-up challenge opened for API clients: answer it at <paramref name="ChallengeUrl"/>, then retry with the new session.</param>
/// <param name="ProofOptionsUrl">With proof_required, for a user with a passkey: where to get options for a passkey proof.</param>
public sealed record SecurityErrorResponse(
    string Error,
    string ErrorDescription,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VerifyUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChallengeUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProofOptionsUrl = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SecurityStatusResponse))]
[JsonSerializable(typeof(RenameFactorRequest))]
[JsonSerializable(typeof(ConfirmAuthenticatorRequest))]
[JsonSerializable(typeof(ConfirmPasskeyRequest))]
[JsonSerializable(typeof(PasskeySetupResponse))]
[JsonSerializable(typeof(ProofRequest))]
[JsonSerializable(typeof(PasskeyProofResponse))]
[JsonSerializable(typeof(AuthenticatorSetupResponse))]
[JsonSerializable(typeof(AuthenticatorAddedResponse))]
[JsonSerializable(typeof(RecoveryCodesResponse))]
[JsonSerializable(typeof(ChangeResponse))]
[JsonSerializable(typeof(SecurityErrorResponse))]
internal sealed partial class SecurityApiJsonContext : JsonSerializerContext;
