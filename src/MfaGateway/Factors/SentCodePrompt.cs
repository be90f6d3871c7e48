namespace MfaGateway.Factors;

/// <summary>
/// Type the code just sent (<see cref="ISentCodeFactor"/>); when <see cref="CodeDelivery.Sent"/> is
/// false, none was sent now and the one sent moments ago is still the one to type.
/// </summary>
public sealed record SentCodePrompt(string Type, string Instructions, CodeDelivery Delivery) : FactorPrompt(Type, Instructions);
