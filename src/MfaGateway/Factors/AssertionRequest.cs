namespace MfaGateway.Factors;

/// <summary>
/// What an assertion factor asks the client's authenticator to sign. Not named after the options
/// type of Fido2 (<c>AssertionOptions</c>), which a WebAuthn factor will serialize into it.
/// </summary>
/// <param name="OptionsJson">The options as the client's authenticator API takes them (WebAuthn's PublicKeyCredentialRequestOptions).</param>
/// <param name="ExpiresAt">Until when an answer to them is accepted.</param>
public sealed record AssertionRequest(string OptionsJson, DateTimeOffset ExpiresAt);
