namespace MfaGateway.Factors;

/// <summary>What the client needs to answer with one factor; one shape per factor kind.</summary>
public abstract record FactorPrompt(string Type, string Instructions);
