using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>What became of adding a factor on the security page (an authenticator app, a passkey or a security key).</summary>
/// <param name="RecoveryCodes">Issued when this was the user's first factor: shown once.</param>
/// <param name="SessionToken">When this was the user's first factor, the session now carries that MFA: the new token.</param>
/// <param name="Credential">For a passkey or security key: its WebAuthn half, as registered.</param>
public sealed record AuthenticatorAdded(
    ChangeOutcome Outcome,
    FactorRecord? Factor = null,
    IReadOnlyList<string>? RecoveryCodes = null,
    string? SessionToken = null,
    WebAuthnCredential? Credential = null);
