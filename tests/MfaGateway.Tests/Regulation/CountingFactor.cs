using MfaGateway.Factors;
using MfaGateway.Factors.Totp;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Regulation;

/// <summary>The real TOTP factor, counting how many codes it was asked to check.</summary>
public sealed class CountingFactor(IMfaFactor inner) : IMfaFactor
{
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public string Type => inner.Type;

    public string DisplayName => inner.DisplayName;

    /// <summary>Registered ahead of the gateway's factors, so the gateway uses it for every TOTP check.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(provider => new CountingFactor(ActivatorUtilities.CreateInstance<TotpFactor>(provider)));
        services.AddSingleton<IMfaFactor>(provider => provider.GetRequiredService<CountingFactor>());
    }

    public Task<FactorPrompt> BeginAsync(FactorContext context, CancellationToken cancellationToken) => inner.BeginAsync(context, cancellationToken);

    public Task<FactorVerification> VerifyAsync(FactorContext context, FactorResponse response, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checks);
        return inner.VerifyAsync(context, response, cancellationToken);
    }
}
