namespace MfaGateway.Factors;

/// <summary>What the client needs to answer a factor: instructions, and data such as WebAuthn options.</summary>
public sealed record FactorPrompt(string Type, string Instructions, IReadOnlyDictionary<string, string>? Data = null);
