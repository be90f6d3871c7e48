namespace MfaGateway.Factors;

/// <summary>Type the code you have (<see cref="ICodeFactor"/>).</summary>
public sealed record CodePrompt(string Type, string Instructions) : FactorPrompt(Type, Instructions);
