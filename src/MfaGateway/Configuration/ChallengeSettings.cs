namespace MfaGateway.Configuration;

public sealed record ChallengeSettings(TimeSpan Lifetime, int MaxFailures, int MaxConsecutiveUserFailures, int MaxPreservedFormBytes);
