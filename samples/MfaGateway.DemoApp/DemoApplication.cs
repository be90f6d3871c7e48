using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Api;
using MfaGateway.DemoApp.Dashboard;
using MfaGateway.DemoApp.Hosting;
using MfaGateway.DemoApp.Login;
using MfaGateway.DemoApp.Passwords;
using MfaGateway.DemoApp.Public;
using MfaGateway.DemoApp.Sessions;
using MfaGateway.DemoApp.Transfers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace MfaGateway.DemoApp;

/// <summary>
/// Acme Legacy Bank: a password-only web app for the MFA gateway to sit in front of.
/// It knows nothing about the gateway.
/// </summary>
public static class DemoApplication
{
    public const string ApplicationName = "Acme Legacy Bank";

    /// <summary>Builds the app with every route mapped, without starting it.</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // Tests host this app inside their own process; naming it after this assembly keeps
            // environment-specific behaviour tied to the demo rather than to the test runner.
            ApplicationName = typeof(DemoApplication).Assembly.GetName().Name,
        });
        RunDefaults.Apply(builder);

        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeyRepository());
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "DemoAntiforgery");
        builder.Services.AddSessionCookie();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BankAccountStore>();

        var app = builder.Build();
        app.UseReadableCharsetsOnly();
        app.UseEmbeddedStaticFiles();
        app.UseAuthentication();
        app.UseRememberMe();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapPublicEndpoints();
        app.MapLoginEndpoints();
        app.MapLogoutEndpoints();
        app.MapDashboardEndpoints();
        app.MapTransferEndpoints();
        app.MapChangePasswordEndpoints();
        app.MapAccountApiEndpoints();
        return app;
    }
}
