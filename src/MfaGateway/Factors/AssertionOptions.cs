namespace MfaGateway.Factors;

/// <param name="Json">The options as the client's authenticator API takes them (WebAuthn's PublicKeyCredentialRequestOptions).</param>
public sealed record AssertionOptions(string Json);
