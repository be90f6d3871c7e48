using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Devices;

public static class DevicesRegistration
{
    /// <summary>The user's device list; expects the risk and remembered-device services to be registered.</summary>
    public static IServiceCollection AddGatewayDevices(this IServiceCollection services)
    {
        services.TryAddSingleton<UserDevices>();
        return services;
    }
}
