namespace MfaGateway.Factors.Totp;

/// <param name="Parameters">What new enrolments get; each factor keeps the parameters it was enrolled with.</param>
public sealed record TotpSettings(TotpFactorSettings Parameters, int Window);
