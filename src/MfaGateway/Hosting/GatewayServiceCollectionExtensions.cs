using MfaGateway.Administration;
using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Devices;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Factors.Recovery;
using MfaGateway.Factors.Totp;
using MfaGateway.Identity;
using MfaGateway.Pages;
using MfaGateway.PasswordChanges;
using MfaGateway.Proxy;
using MfaGateway.Regulation;
using MfaGateway.Retention;
using MfaGateway.Risk;
using MfaGateway.SelfService;
using MfaGateway.Sessions;
using MfaGateway.Storage;
using MfaGateway.Storage.InMemory;
using MfaGateway.Storage.Sqlite;
using MfaGateway.TrustedDevices;
using MfaGateway.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace MfaGateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <param name="configFile">Relative paths in the configuration resolve against its folder.</param>
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder, ConfigFileLocation configFile)
    {
        var services = builder.Services;
        var startup = StartupSettings.Read(builder.Configuration, configFile.Directory);
        OwnerOnlyFiles.CreateDirectory(startup.DataDirectory);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Bodies stream through; the app behind enforces its own size limit. Kestrel's 30 MB
            // default would silently break large uploads that worked before the gateway.
            if (builder.Configuration["Kestrel:Limits:MaxRequestBodySize"] is null)
            {
                kestrel.Limits.MaxRequestBodySize = null;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(startup);
        services.AddSingleton(configFile);
        services.AddSingleton(new GatewayPaths(startup.PathPrefix));

        // PersistKeysToFileSystem's repository, kept owner-only (see OwnerOnlyXmlRepository).
        services.AddDataProtection().SetApplicationName("MfaGateway");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new OwnerOnlyXmlRepository(
                new DirectoryInfo(Path.Combine(startup.DataDirectory, "keys")), provider.GetRequiredService<ILoggerFactory>())));

        services.AddSingleton<GatewayConfigMonitor>();

        services.AddSingleton(provider => new SqliteDatabase(Path.Combine(startup.DataDirectory, "gateway.db"), provider.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IFactorStore, SqliteFactorStore>();
        services.AddSingleton<IRecoveryCodeStore, SqliteRecoveryCodeStore>();
        services.AddSingleton<ITrustedDeviceStore, SqliteTrustedDeviceStore>();
        services.AddSingleton<SqliteAuditStore>();
        services.AddSingleton(provider => new AuditWriteQueue(provider.GetRequiredService<SqliteAuditStore>(), provider.GetRequiredService<ILogger<AuditWriteQueue>>()));
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriteQueue>());
        services.AddSingleton<IAuditStore>(provider => new FlushingAuditStore(provider.GetRequiredService<SqliteAuditStore>(), provider.GetRequiredService<AuditWriteQueue>()));
        services.AddSingleton<ILoginCookieStore, SqliteLoginCookieStore>();
        services.AddSingleton<IRetentionStore, SqliteRetentionStore>();
        services.AddSingleton<RetentionPruner>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionPruner>());
        services.AddSingleton<IEphemeralStore, InMemoryEphemeralStore>();
        services.AddSingleton<AuditLog>();

        services.AddSingleton<GatewaySessionProtector>();
        services.AddSingleton<SessionTokenCache>();
        services.AddSingleton<GatewaySessionCookies>();
        services.AddSingleton<SessionBindingStore>();
        services.AddGatewaySessionEnds();
        services.AddSingleton<JwtIdentityValidator>();
        services.AddHttpClient(JwtIdentityValidator.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IdentityResolver>();
        services.AddSingleton<FormLoginInterceptor>();
        services.AddSingleton<AppSessionTracker>();

        services.AddSingleton<ChallengeStore>();
        services.AddSingleton<ChallengeService>();
        services.AddSingleton<ChallengeResponder>();
        services.AddSingleton<ChallengeCompleter>();
        services.AddSingleton<TotpSecretProtector>();
        services.AddSingleton<IMfaFactor, TotpFactor>();
        services.AddSingleton<IFactorEnrolment, TotpEnrolment>();
        services.AddSingleton<RecoveryCodeService>();
        services.AddSingleton<IMfaFactor, RecoveryCodeFactor>();
        services.AddSingleton<IClientRegulationStore, SqliteClientRegulationStore>();
        services.AddSingleton<CodeRegulation>();

        services.AddSingleton<TrustedDeviceCookie>();
        services.AddSingleton<LoginCookieRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<LoginCookieRegistry>());
        services.AddSingleton<RevokedDevices>();
        services.AddHostedService(provider => provider.GetRequiredService<RevokedDevices>());
        services.AddSingleton<TrustedDeviceService>();
        services.AddSingleton<TrustedDeviceSessions>();
        services.AddSingleton<AccessFactGatherer>();
        services.AddSingleton<SessionGrantIssuer>();

        services.AddGatewayRisk();
        services.AddGatewayPasswordChanges();
        services.AddGatewayDevices();
        services.AddGatewayAdministration();
        services.AddGatewaySelfService();

        // YARP takes its routes from the monitor's snapshot, not from the configuration directly, so it
        // only ever runs routes that were validated together with the gateway's rules.
        services.AddReverseProxy().AddTransforms<GatewayTransformProvider>();
        services.AddSingleton<IProxyConfigProvider>(provider => provider.GetRequiredService<GatewayConfigMonitor>().Proxy);

        services.AddRazorPages(options => options.Conventions.Add(new GatewayPageRouteConvention(startup.PathPrefix)));
        services.AddAntiforgery(options =>
        {
            // Scoped to the gateway's pages so it never travels to (or collides with) the app's own.
            options.Cookie.Name = "mfa-antiforgery";
            options.Cookie.Path = startup.PathPrefix;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__mfa_csrf";
        });
        services.Replace(ServiceDescriptor.Singleton<IAntiforgeryAdditionalDataProvider, AntiforgeryBinding>());

        return builder;
    }
}
