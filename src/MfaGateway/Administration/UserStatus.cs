using System.Text.Json.Serialization;

namespace MfaGateway.Administration;

/// <summary>Everything an administrator needs to help a user: factors, fallbacks, remembered devices and lock state.</summary>
/// <param name="MfaEnabled">The user has at least one factor.</param>
/// <param name="FactorTypes">Distinct factor types, the primary factor's first.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
/// <param name="TrustedDevices">Remembered devices that are neither revoked nor expired.</param>
/// <param name="ConsecutiveFailures">Wrong codes since the last success, across challenges and restarts.</param>
/// <param name="Locked">The consecutive failures reached Challenge:MaxConsecutiveUserFailures: no challenge can be passed until an unlock.</param>
/// <param name="BannedUntil">The end of a temporary ban after too many failures in a window, while it lasts.</param>
/// <param name="MfaRequired">An administrator requires MFA of this user, whatever the policy says.</param>
/// <param name="KnownDevices">Browsers the user passed MFA on: a RiskBased policy's new-device trigger stays quiet on them.</param>
/// <param name="KnownPlaces">Places the user signed in from: the new-location trigger stays quiet there.</param>
/// <param name="PasswordChangedAt">The last password change the gateway saw or was told about.</param>
/// <param name="WebAuthnCredentials">The user's passkeys and security keys (factors of type webauthn), with their flags and counters.</param>
public sealed record UserStatus(
    string Realm,
    string User,
    DateTimeOffset CreatedAt,
    bool MfaEnabled,
    int FactorCount,
    IReadOnlyList<string> FactorTypes,
    int RecoveryCodesLeft,
    IReadOnlyList<TrustedDeviceStatus> TrustedDevices,
    int ConsecutiveFailures,
    bool Locked,
    DateTimeOffset? BannedUntil,
    bool MfaRequired,
    IReadOnlyList<KnownDeviceStatus> KnownDevices,
    IReadOnlyList<KnownPlaceStatus> KnownPlaces,
    DateTimeOffset? PasswordChangedAt,
    [property: JsonPropertyName("webauthn_credentials")] IReadOnlyList<WebAuthnCredentialStatus> WebAuthnCredentials);
