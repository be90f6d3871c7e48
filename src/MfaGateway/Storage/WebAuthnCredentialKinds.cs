namespace MfaGateway.Storage;

/// <summary>
/// What a credential's BE and BS flags tell a user or an administrator, as wire values: one reading
/// for the security page, its API and the admin API, so they cannot call one credential two things.
/// </summary>
public static class WebAuthnCredentialKinds
{
    /// <summary>Backup eligible: it lives in a password manager or platform account and may be synced.</summary>
    public const string Passkey = "passkey";

    /// <summary>Not backup eligible: bound to one authenticator, such as a USB key.</summary>
    public const string SecurityKey = "security_key";

    public const string Synced = "synced";

    /// <summary>Backup eligible but not synced (yet): the user's provider may copy it to other devices.</summary>
    public const string CanBeSynced = "can_be_synced";

    public const string DeviceOnly = "device_only";

    public static string KindOf(WebAuthnCredential credential) => credential.BackupEligible ? Passkey : SecurityKey;

    /// <summary>BS without BE is not a valid pair (WebAuthn L3 section 6.1.3): such a credential is read as bound to its device.</summary>
    public static string SyncOf(WebAuthnCredential credential) => credential switch
    {
        { BackupEligible: false } => DeviceOnly,
        { BackedUp: true } => Synced,
        _ => CanBeSynced,
    };
}
