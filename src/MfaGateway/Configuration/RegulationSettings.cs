namespace MfaGateway.Configuration;

public sealed record RegulationSettings(RegulationLimit User, RegulationLimit Client);
