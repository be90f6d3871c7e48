using MfaGateway.Risk.Devices;
using MfaGateway.Risk.PasswordChanges;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;

namespace MfaGateway.Risk;

public static class RiskRegistration
{
    public static IServiceCollection AddGatewayRisk(this IServiceCollection services)
    {
        services.AddSingleton<IRiskHistoryStore, SqliteRiskHistoryStore>();
        services.AddSingleton<DeviceIdCookie>();
        services.AddSingleton<RecentPasswordChanges>();
        services.AddHostedService(provider => provider.GetRequiredService<RecentPasswordChanges>());
        services.AddSingleton<PasswordChangeRecorder>();
        services.AddSingleton<PasswordChangeWatcher>();
        services.AddSingleton<RiskEvaluator>();
        services.AddSingleton<RiskHistoryRecorder>();
        services.AddSingleton<RiskGate>();
        return services;
    }
}
