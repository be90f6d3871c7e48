using MfaGateway.Notifications;
using MfaGateway.Delivery;
using MfaGateway.Api;
using MfaGateway.Administration;
using MfaGateway.Audit;
using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Devices;
using MfaGateway.Enforcement;
using MfaGateway.Factors;
using MfaGateway.Factors.Totp;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Identity;
using MfaGateway.Invitations;
using MfaGateway.Networking;
using MfaGateway.Pages;
using MfaGateway.PasswordChanges;
using MfaGateway.Proxy;
using MfaGateway.Regulation;
using MfaGateway.Retention;
using MfaGateway.Risk;
using MfaGateway.SelfService;
using MfaGateway.Sessions;
using MfaGateway.Storage;
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
        services.AddSingleton<IRetentionSettingsSource, MonitoredRetentionSettings>();
        services.AddSingleton<ITrustedProxiesSource, MonitoredTrustedProxies>();
        services.AddSingleton<ITotpSettingsSource, MonitoredTotpSettings>();
        services.AddSingleton<IWebAuthnSettingsSource, MonitoredWebAuthnSettings>();
        services.AddSingleton<Factors.SentCodes.ISentCodeSettingsSource, MonitoredSentCodeSettings>();
        services.AddSingleton<Delivery.Email.IEmailSettingsSource, MonitoredEmailSettings>();
        services.AddSingleton<Delivery.Sms.ISmsSettingsSource, MonitoredSmsSettings>();
        services.AddSingleton<INotificationSettingsSource, MonitoredNotificationSettings>();

        // Each feature adds its stores with TryAdd: a host or a test replaces one by registering it first.
        services.AddGatewayStorage(startup.DataDirectory);
        services.AddGatewayAudit();
        services.AddGatewayRetention();

        services.AddSingleton<GatewaySessionProtector>();
        services.AddSingleton<SessionTokenCache>();
        services.AddSingleton<GatewaySessionCookies>();
        services.AddSingleton<SessionBindingStore>();
        services.AddGatewaySessionEnds();
        services.AddGatewayIdentity();

        services.AddSingleton<ChallengeStore>();
        services.AddSingleton<ChallengeService>();
        services.AddSingleton<ChallengeResponder>();
        services.AddSingleton<ChallengeCompleter>();
        services.AddGatewayDelivery();
        services.AddGatewayNotifications();
        services.AddGatewayInvitations();
        services.AddGatewayFactors();
        services.AddGatewayRegulation();
        services.AddGatewayTrustedDevices();
        services.AddSingleton<AccessFactGatherer>();
        services.AddSingleton<SessionGrantIssuer>();
        services.AddSingleton<FormLoginInterceptor>();

        services.AddGatewayRisk();
        services.AddGatewayPasswordChanges();
        services.AddGatewayDevices();
        services.AddGatewayAdministration();
        services.AddChallengeApiOpenApi();
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
