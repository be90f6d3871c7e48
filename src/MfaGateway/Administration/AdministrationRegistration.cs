using MfaGateway.Web;

namespace MfaGateway.Administration;

/// <summary>The admin API's services and endpoints.</summary>
public static class AdministrationRegistration
{
    public static IServiceCollection AddGatewayAdministration(this IServiceCollection services)
    {
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<DeviceAdministration>();
        CachedOpenApiDocument.Register(services, AdminApiEndpoints.DocumentName);
        services.AddAdminOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayAdministration(this IEndpointRouteBuilder app, GatewayPaths paths)
    {
        app.MapAdminApi(paths);
        app.MapAdminOpenApi(paths);
        return app;
    }
}
