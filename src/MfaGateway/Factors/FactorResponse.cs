using System.Text.Json;

namespace MfaGateway.Factors;

/// <summary>The user's answer: a typed code, or a structured credential (WebAuthn assertion).</summary>
public sealed record FactorResponse(string? Code, JsonElement? Credential = null);
