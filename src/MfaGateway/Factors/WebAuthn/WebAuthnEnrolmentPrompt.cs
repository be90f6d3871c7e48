namespace MfaGateway.Factors.WebAuthn;

/// <param name="OptionsJson">WebAuthn's PublicKeyCredentialCreationOptions, as navigator.credentials.create takes them (JSON form).</param>
public sealed record WebAuthnEnrolmentPrompt(string OptionsJson, DateTimeOffset ExpiresAt) : EnrolmentPrompt(FactorTypes.WebAuthn);
