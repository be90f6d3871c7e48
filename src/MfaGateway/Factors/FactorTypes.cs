namespace MfaGateway.Factors;

/// <summary>Factor type names as written in config, stored, and sent upstream.</summary>
public static class FactorTypes
{
    public const string Totp = "totp";

    /// <summary>A single-use recovery code; accepted at any challenge of a user who has codes left.</summary>
    public const string Recovery = "recovery";

    /// <summary>A passkey or security key (W3C WebAuthn).</summary>
    public const string WebAuthn = "webauthn";

    /// <summary>Recorded in a session opened by a remembered device instead of a fresh challenge.</summary>
    public const string TrustedDevice = "device";

    /// <summary>Factor types a policy may list (recovery codes are always accepted besides); WebAuthn only with a relying party configured.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Totp, WebAuthn };
}
