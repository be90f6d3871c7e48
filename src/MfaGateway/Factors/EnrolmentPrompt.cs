namespace MfaGateway.Factors;

/// <summary>What a user needs to enrol a factor; each factor type has its own shape.</summary>
public abstract record EnrolmentPrompt(string Type);
