using MfaGateway.Factors.Recovery;
using MfaGateway.Factors.Totp;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Factors;

public static class FactorsRegistration
{
    /// <summary>
    /// The factor set (TOTP and recovery codes) and the stores behind it. A factor registered by the
    /// host for a type wins over the gateway's own (the first of a type is used), and the stores are
    /// added only if the host has not registered its own.
    /// </summary>
    public static IServiceCollection AddGatewayFactors(this IServiceCollection services)
    {
        services.TryAddSingleton<IFactorStore, SqliteFactorStore>();
        services.TryAddSingleton<IRecoveryCodeStore, SqliteRecoveryCodeStore>();
        services.TryAddSingleton<TotpSecretProtector>();
        services.TryAddSingleton<RecoveryCodeService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMfaFactor, TotpFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMfaFactor, RecoveryCodeFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFactorEnrolment, TotpEnrolment>());
        return services;
    }
}
