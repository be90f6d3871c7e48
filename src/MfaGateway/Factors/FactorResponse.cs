using System.Text.Json;

namespace MfaGateway.Factors;

/// <summary>The user's answer: a typed code (code and sent-code factors), or an authenticator's signed credential.</summary>
/// <param name="Assertion">The browser's PublicKeyCredential.toJSON(): an assertion at a challenge, an attestation when enrolling.</param>
/// <param name="Name">At enrolment, what the user calls the new factor ("Work laptop"); validated by the caller.</param>
/// <param name="Link">The secret of a sign-in link from the code's e-mail, in place of the code (sent-code factors that send links).</param>
public sealed record FactorResponse(string? Code, JsonElement? Assertion = null, string? Name = null, string? Link = null);
