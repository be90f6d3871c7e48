namespace MfaGateway.Configuration;

public sealed record SelfServiceSettings(TimeSpan MaxAge);
