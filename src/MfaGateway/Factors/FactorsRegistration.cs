using MfaGateway.Factors.Recovery;
using MfaGateway.Factors.Totp;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MfaGateway.Factors;

public static class FactorsRegistration
{
    /// <summary>
    /// The factor set (TOTP, WebAuthn and recovery codes) and the stores behind it, each with TryAdd: a host or
    /// test that registers a factor of the same type first, another enrolment, its own
    /// <see cref="FactorSet"/> or its own store, replaces the gateway's.
    /// </summary>
    public static IServiceCollection AddGatewayFactors(this IServiceCollection services)
    {
        services.TryAddSingleton<IFactorStore, SqliteFactorStore>();
        services.TryAddSingleton<IRecoveryCodeStore, SqliteRecoveryCodeStore>();
        services.TryAddSingleton<TotpSecretProtector>();
        services.TryAddSingleton<RecoveryCodeService>();
        services.TryAddSingleton<IWebAuthnCredentialStore, SqliteWebAuthnCredentialStore>();
        services.TryAddSingleton<WebAuthnCeremonies>();
        services.TryAddSingleton<SentCodes.SentCodeVault>();
        services.TryAddSingleton<SentCodes.SendQuota>();
        services.TryAddSingleton<SentCodes.DestinationProtector>();
        services.TryAddSingleton<SentCodes.ContactBook>();
        services.TryAddSingleton<SentCodes.SignInLinks>();
        services.TryAddSingleton<IUserContactStore, SqliteUserContactStore>();
        services.TryAddSingleton<Delivery.IUserContacts, SentCodes.FactorContacts>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeFactor, TotpFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeFactor, RecoveryCodeFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeFactor, WebAuthnFactor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFactorEnrolment, TotpEnrolment>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFactorEnrolment, WebAuthnEnrolment>());
        AddSentCodeChannel<Email.EmailCodeChannel>(services);
        services.TryAddSingleton<Sms.SmsPumpingGuard>();
        AddSentCodeChannel<Sms.SmsCodeChannel>(services);
        services.TryAddSingleton<FactorSet>();
        return services;
    }

    /// <summary>
    /// A sent-code factor and its enrolment for one channel. Added, not tried: they are built by
    /// factories, and the first factor of a type wins in <see cref="FactorSet"/>, so a test's own comes first.
    /// </summary>
    private static void AddSentCodeChannel<TChannel>(IServiceCollection services)
        where TChannel : class, SentCodes.ICodeChannel
    {
        services.TryAddSingleton<TChannel>();
        services.AddSingleton<IChallengeFactor>(provider => new SentCodes.SentCodeFactor(
            provider.GetRequiredService<TChannel>(), provider.GetRequiredService<SentCodes.SentCodeVault>(), provider.GetRequiredService<SentCodes.SendQuota>(),
            provider.GetRequiredService<SentCodes.DestinationProtector>(), provider.GetRequiredService<IFactorStore>(), provider.GetRequiredService<SentCodes.ISentCodeSettingsSource>(), provider.GetRequiredService<SentCodes.SignInLinks>()));
        services.AddSingleton<IFactorEnrolment>(provider => new SentCodes.SentCodeEnrolment(
            provider.GetRequiredService<TChannel>(), provider.GetRequiredService<SentCodes.SentCodeVault>(), provider.GetRequiredService<SentCodes.SendQuota>(),
            provider.GetRequiredService<SentCodes.DestinationProtector>(), provider.GetRequiredService<IFactorStore>(), provider.GetRequiredService<SentCodes.ISentCodeSettingsSource>(), provider.GetRequiredService<SentCodes.ContactBook>()));
    }
}
