namespace MfaGateway.Configuration;

/// <summary>
/// Temporary bans after repeated wrong codes, per user (durable, so a restart does not reset them) and
/// per client address. Separate from the permanent lock after 100 consecutive failures.
/// </summary>
public sealed class RegulationOptions
{
    public RegulationLimitOptions User { get; set; } = new() { MaxFailures = 10 };

    public RegulationLimitOptions Client { get; set; } = new() { MaxFailures = 30 };
}
