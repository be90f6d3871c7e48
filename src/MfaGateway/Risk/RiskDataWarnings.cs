using MfaGateway.Observability;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Risk;

/// <summary>
/// At start-up: logs what is off (an optional GeoIP database that could not be used) and opens the
/// GeoIP and reputation services, so their files are loaded and watched before the first request.
/// </summary>
public sealed partial class RiskDataWarnings(RiskDataSources sources, IGeoLocator geo, IIpReputation reputation, ILogger<RiskDataWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in sources.Warnings)
        {
            LogRiskDataWarning(logger, warning.Text);
        }

        LogRiskData(logger, geo.LocationEnabled, geo.AsnEnabled, reputation.GetType().Name);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = EventIds.RiskDataWarning, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogRiskDataWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = EventIds.RiskDataSummary, Level = LogLevel.Information, Message = "Risk data: location signals {Location}, ASN {Asn}, reputation by {Reputation}")]
    private static partial void LogRiskData(ILogger logger, bool location, bool asn, string reputation);
}
