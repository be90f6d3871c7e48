using MfaGateway.Web;

namespace MfaGateway.SelfService;

/// <summary>The self-service security page's services and JSON endpoints.</summary>
public static class SelfServiceRegistration
{
    public static IServiceCollection AddGatewaySelfService(this IServiceCollection services)
    {
        services.AddSingleton<SecurityLinks>();
        services.AddSingleton<SecurityCallerResolver>();
        services.AddSingleton<SecurityOverviewReader>();
        services.AddSingleton<MfaShutdown>();
        services.AddSingleton<FactorChanges>();
        services.AddSingleton<FactorRemoval>();
        services.AddSingleton<SignOutEverywhere>();
        services.AddSingleton<DeviceChanges>();
        services.AddSingleton<RecoveryCodeRenewal>();
        services.AddSingleton<ChangeProofCheck>();
        services.AddSingleton<PasskeyProof>();
        services.AddSingleton<MfaTurnOff>();
        services.AddSingleton<PendingAuthenticators>();
        services.AddSingleton<NewFactorCompletion>();
        services.AddSingleton<AuthenticatorSetup>();
        services.AddSingleton<PasskeySetup>();
        services.AddSingleton<SecurityApi>();
        return services;
    }

    /// <summary>
    /// "/.mfa/api/security": GET the status; POST and DELETE the changes. The page itself is the Razor
    /// page Pages/Security.cshtml at "/.mfa/security".
    /// </summary>
    public static IEndpointRouteBuilder MapGatewaySelfService(this IEndpointRouteBuilder app, GatewayPaths paths)
    {
        var api = app.MapGroup($"{paths.Prefix}/api/security");
        api.WithOrder(GatewayEndpoints.Order);
        api.MapGet(string.Empty, (HttpContext context, SecurityApi security) => security.StatusAsync(context));
        api.MapPost("/factors/totp", (HttpContext context, SecurityApi security) => security.StartAuthenticatorAsync(context));
        api.MapPost("/factors/totp/confirm", (HttpContext context, SecurityApi security) => security.ConfirmAuthenticatorAsync(context));
        api.MapPost("/factors/webauthn", (HttpContext context, SecurityApi security) => security.StartPasskeyAsync(context));
        api.MapPost("/factors/webauthn/confirm", (HttpContext context, SecurityApi security) => security.ConfirmPasskeyAsync(context));
        api.MapPost("/factors/{id}/rename", (HttpContext context, string id, SecurityApi security) => security.RenameAsync(context, id));
        api.MapPost("/factors/{id}/primary", (HttpContext context, string id, SecurityApi security) => security.MakePrimaryAsync(context, id));
        api.MapDelete("/factors/{id}", (HttpContext context, string id, SecurityApi security) => security.RemoveAsync(context, id));
        api.MapPost("/proof/webauthn", (HttpContext context, SecurityApi security) => security.StartPasskeyProofAsync(context));
        api.MapPost("/recovery-codes", (HttpContext context, SecurityApi security) => security.RenewRecoveryCodesAsync(context));
        api.MapDelete("/devices/{id}", (HttpContext context, string id, SecurityApi security) => security.ForgetDeviceAsync(context, id));
        api.MapDelete("/devices", (HttpContext context, SecurityApi security) => security.ForgetAllDevicesAsync(context));
        api.MapPost("/disable", (HttpContext context, SecurityApi security) => security.TurnOffAsync(context));
        api.MapPost("/sign-out-everywhere", (HttpContext context, SecurityApi security) => security.SignOutEverywhereAsync(context));
        return app;
    }
}
