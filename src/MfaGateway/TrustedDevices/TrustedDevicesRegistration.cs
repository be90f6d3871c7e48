using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.TrustedDevices;

public static class TrustedDevicesRegistration
{
    /// <summary>"Remember this device"; its store is added only if the host has not registered one.</summary>
    public static IServiceCollection AddGatewayTrustedDevices(this IServiceCollection services)
    {
        services.TryAddSingleton<ITrustedDeviceStore, SqliteTrustedDeviceStore>();
        services.TryAddSingleton<TrustedDeviceCookie>();
        services.TryAddSingleton<RevokedDevices>();
        services.AddHostedService(provider => provider.GetRequiredService<RevokedDevices>());
        services.TryAddSingleton<TrustedDeviceService>();
        services.TryAddSingleton<TrustedDeviceSessions>();
        return services;
    }
}
