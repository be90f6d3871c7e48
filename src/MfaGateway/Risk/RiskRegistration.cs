using MfaGateway.Risk.Devices;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Risk;

public static class RiskRegistration
{
    /// <summary>Risk evaluation; expects the <see cref="RiskDataSources"/> opened at start-up to be registered.</summary>
    public static IServiceCollection AddGatewayRisk(this IServiceCollection services)
    {
        services.TryAddSingleton<IGeoLocator>(provider => new GeoLocator(
            provider.GetRequiredService<RiskDataSources>().GeoIp,
            provider.GetRequiredService<ILogger<GeoLocator>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(ReputationProviderClient.HttpClientName);
        services.TryAddSingleton<IIpReputation>(provider => new IpReputationService(
            provider.GetRequiredService<RiskDataSources>().IpReputation,
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<RiskDataWarnings>();

        services.TryAddSingleton<IRiskHistoryStore, SqliteRiskHistoryStore>();
        services.AddSingleton<DeviceIdProtector>();
        services.AddSingleton<RiskEvaluator>();
        services.AddSingleton<RiskHistoryRecorder>();
        services.AddSingleton<RiskGate>();
        return services;
    }
}
