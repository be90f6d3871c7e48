using MfaGateway.Administration;
using MfaGateway.Api;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using MfaGateway.Policies;
using MfaGateway.Security;
using MfaGateway.SelfService;
using MfaGateway.Web;
using Microsoft.Extensions.FileProviders;

namespace MfaGateway.Hosting;

public static class GatewayApplicationExtensions
{
    public static WebApplication MapGateway(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<GatewayPaths>();

        app.UseMiddleware<ClientAddressMiddleware>();
        // Only requests for the gateway's own prefix pay for its page headers and static files.
        app.UseWhen(context => paths.Owns(CanonicalPath.Of(context.Request)), gateway =>
        {
            gateway.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    SecurityHeaders.Apply(context.Response);
                    return Task.CompletedTask;
                });
                return next(context);
            });
            gateway.UseMiddleware<GatewayOriginCheck>();
            gateway.UseMiddleware<RequestCharsetCheck>();
            gateway.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = paths.Assets,
                FileProvider = new EmbeddedFileProvider(typeof(GatewayApplicationExtensions).Assembly, "MfaGateway.Assets"),
            });
        });
        app.UseRouting();

        app.MapRazorPages();
        app.MapGatewayApi(paths);
        app.MapGatewayAdministration(paths);
        app.MapGatewaySelfService(paths);
        app.MapGatewayHealth(paths);
        app.Map($"{paths.Prefix}/{{**rest}}", () => Results.NotFound()).WithOrder(GatewayEndpoints.Order + 1);

        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<PolicyEnforcementMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
