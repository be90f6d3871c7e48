using MfaGateway.Protocols.Otp;

namespace MfaGateway.Configuration;

public sealed record TotpSettings(TotpParameters Parameters, int Window);
