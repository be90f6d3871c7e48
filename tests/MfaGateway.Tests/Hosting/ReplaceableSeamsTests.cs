using MfaGateway.Audit;
using MfaGateway.Factors;
using MfaGateway.Factors.Totp;
using MfaGateway.Retention;
using MfaGateway.Storage;
using MfaGateway.Storage.InMemory;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// Every replaceable seam (each store, the ephemeral store, the factor set) is added by its feature
/// with TryAdd, so what a host registers before the gateway is what runs.
/// </summary>
public sealed class ReplaceableSeamsTests
{
    [Fact]
    public async Task A_decorator_registered_before_the_gateway_replaces_each_seam_and_is_used()
    {
        var counters = new Dictionary<Type, Func<int>>();
        void Decorate<TService, TDefault>(IServiceCollection services)
            where TService : class
            where TDefault : class, TService
        {
            services.AddSingleton(provider =>
            {
                var (decorated, counter) = CountingDecorator<TService>.Wrap(ActivatorUtilities.CreateInstance<TDefault>(provider));
                counters[typeof(TService)] = () => counter.Calls;
                return decorated;
            });
        }

        await using var host = await GatewayTestHost.StartAsync(services: services =>
        {
            Decorate<IUserStore, SqliteUserStore>(services);
            Decorate<IFactorStore, SqliteFactorStore>(services);
            Decorate<IRecoveryCodeStore, SqliteRecoveryCodeStore>(services);
            Decorate<ITrustedDeviceStore, SqliteTrustedDeviceStore>(services);
            Decorate<IRiskHistoryStore, SqliteRiskHistoryStore>(services);
            Decorate<IAuditStore, SqliteAuditStore>(services);
            Decorate<IRetentionStore, SqliteRetentionStore>(services);
            Decorate<ILoginCookieStore, SqliteLoginCookieStore>(services);
            Decorate<IClientRegulationStore, SqliteClientRegulationStore>(services);
            Decorate<ISessionEndStore, SqliteSessionEndStore>(services);
            Decorate<IEphemeralStore, InMemoryEphemeralStore>(services);
            services.AddSingleton<IChallengeFactor>(provider =>
            {
                var (decorated, counter) = CountingDecorator<ICodeFactor>.Wrap(ActivatorUtilities.CreateInstance<TotpFactor>(provider));
                counters[typeof(ICodeFactor)] = () => counter.Calls;
                return decorated;
            });
        });

        using var enrolling = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrolling, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        using var returning = host.NewBrowser();
        await BankFlows.SignInWithCodeAsync(host, returning, DemoUsers.Alice, secret);

        Assert.Equal(12, counters.Count);
        Assert.All(counters, counter => Assert.True(counter.Value() > 0, $"the gateway never called the {counter.Key.Name} registered before it"));

        // The gateway's own stores stepped aside; of the factors, the first of a type is the one used.
        Assert.Single(host.Services.GetServices<IUserStore>());
        Assert.IsType<CountingDecorator<ICodeFactor>>(host.Services.GetServices<IChallengeFactor>().First(f => f.Type == FactorTypes.Totp), exactMatch: false);
    }
}
