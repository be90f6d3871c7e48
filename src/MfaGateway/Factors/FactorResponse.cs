using System.Text.Json;

namespace MfaGateway.Factors;

/// <summary>The user's answer: a typed code (code and sent-code factors), or an authenticator's assertion.</summary>
public sealed record FactorResponse(string? Code, JsonElement? Assertion = null);
