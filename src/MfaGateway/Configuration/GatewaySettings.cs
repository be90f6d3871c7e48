using MfaGateway.Protocols.Otp;

namespace MfaGateway.Configuration;

public sealed record SessionSettings(string CookieName, TimeSpan Lifetime, string Header);

public sealed record TotpSettings(TotpParameters Parameters, int Window);

public sealed record ChallengeSettings(TimeSpan Lifetime, int MaxFailures, int MaxConsecutiveUserFailures, int MaxPreservedFormBytes);
