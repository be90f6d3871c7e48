namespace MfaGateway.Configuration;

/// <param name="MaxFailures">0 when the limit is off.</param>
public sealed record RegulationLimit(int MaxFailures, TimeSpan Window, TimeSpan BanTime)
{
    public bool Enabled => MaxFailures > 0;
}
