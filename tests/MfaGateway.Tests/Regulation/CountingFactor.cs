using MfaGateway.Factors;
using MfaGateway.Factors.Totp;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Regulation;

/// <summary>The real TOTP factor, counting how many codes it was asked to check.</summary>
public sealed class CountingFactor(ICodeFactor inner) : ICodeFactor
{
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public string Type => inner.Type;

    public string DisplayName => inner.DisplayName;

    public string Instructions => inner.Instructions;

    /// <summary>Registered ahead of the gateway's factors, so the gateway uses it for every TOTP check.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(provider => new CountingFactor(ActivatorUtilities.CreateInstance<TotpFactor>(provider)));
        services.AddSingleton<IChallengeFactor>(provider => provider.GetRequiredService<CountingFactor>());
    }

    public Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checks);
        return inner.VerifyCodeAsync(context, code, cancellationToken);
    }
}
