namespace MfaGateway.Factors;

/// <summary>Factor type names as written in config, stored, and sent upstream.</summary>
public static class FactorTypes
{
    public const string Totp = "totp";

    /// <summary>A single-use recovery code; accepted at any challenge of a user who has codes left.</summary>
    public const string Recovery = "recovery";

    /// <summary>A passkey or security key (W3C WebAuthn).</summary>
    public const string WebAuthn = "webauthn";

    /// <summary>A code sent to the user's confirmed e-mail address.</summary>
    public const string Email = "email";

    /// <summary>A code sent by text message to the user's confirmed phone (NIST SP 800-63B: a restricted authenticator).</summary>
    public const string Sms = "sms";

    /// <summary>Recorded in a session opened by a remembered device instead of a fresh challenge.</summary>
    public const string TrustedDevice = "device";

    /// <summary>Factor types a policy may list (recovery codes are always accepted besides); WebAuthn only with a relying party configured.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Totp, WebAuthn, Email, Sms };
}
