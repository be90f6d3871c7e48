using MfaGateway.Factors.Recovery;
using MfaGateway.Factors.Totp;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Factors;

public static class FactorsRegistration
{
    /// <summary>
    /// TOTP and recovery codes, each with TryAdd: a host or test that registers a factor of the same
    /// type first, another enrolment, or its own <see cref="FactorSet"/>, replaces the gateway's.
    /// </summary>
    public static IServiceCollection AddGatewayFactors(this IServiceCollection services)
    {
        services.TryAddSingleton<TotpSecretProtector>();
        services.TryAddSingleton<RecoveryCodeService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeFactor, TotpFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeFactor, RecoveryCodeFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFactorEnrolment, TotpEnrolment>());
        services.TryAddSingleton<FactorSet>();
        return services;
    }
}
