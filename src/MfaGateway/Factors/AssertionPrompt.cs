namespace MfaGateway.Factors;

/// <summary>Let the authenticator answer these options (<see cref="IAssertionFactor"/>).</summary>
public sealed record AssertionPrompt(string Type, string Instructions, AssertionRequest Request) : FactorPrompt(Type, Instructions);
