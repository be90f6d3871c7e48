using MfaGateway.Storage;

namespace MfaGateway.Factors.WebAuthn;

/// <summary>Options for the browser's navigator.credentials call, or why none were issued.</summary>
/// <param name="ExpiresAt">Until when the answer is accepted: the browser's timeout, or the MFA challenge's end if sooner.</param>
public sealed record WebAuthnOptionsResult(string? OptionsJson, FactorRejection Error, DateTimeOffset? ExpiresAt = null)
{
    public static WebAuthnOptionsResult Refused(FactorRejection error) => new(null, error);
}

/// <param name="Credential">The stored credential on success.</param>
/// <param name="Factor">Its factor row on success.</param>
public sealed record WebAuthnRegistrationResult(WebAuthnCredential? Credential, FactorRecord? Factor, FactorRejection Error)
{
    public string? FactorId => Factor?.Id;

    public static WebAuthnRegistrationResult Refused(FactorRejection error) => new(null, null, error);
}

/// <param name="Credential">The credential that answered (also on a counter regression, for the audit).</param>
/// <param name="FlaggedAsClone">The counter did not increase and config said Flag: passed, but audited as a possible clone.</param>
/// <param name="PresentedCount">On a counter regression (refused or flagged): the counter the authenticator sent; <see cref="Credential"/> holds the stored one.</param>
public sealed record WebAuthnAssertionResult(WebAuthnCredential? Credential, FactorRejection Error, bool FlaggedAsClone = false, uint? PresentedCount = null)
{
    public bool Verified => Error == FactorRejection.None;
}
