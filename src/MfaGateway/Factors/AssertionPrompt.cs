namespace MfaGateway.Factors;

/// <summary>Let the authenticator answer these options (<see cref="IAssertionFactor"/>).</summary>
public sealed record AssertionPrompt(string Type, string Instructions, AssertionOptions Options) : FactorPrompt(Type, Instructions);
