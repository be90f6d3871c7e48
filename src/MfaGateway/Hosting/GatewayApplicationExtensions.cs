using MfaGateway.Administration;
using MfaGateway.Api;
using MfaGateway.Enforcement;
using MfaGateway.Networking;
using MfaGateway.Policies;
using MfaGateway.SelfService;
using MfaGateway.Web;
using Microsoft.Extensions.FileProviders;

namespace MfaGateway.Hosting;

public static class GatewayApplicationExtensions
{
    /// <summary>
    /// The properties by which WebApplication sees that authentication, authorization and antiforgery
    /// middleware were added. Razor Pages registers their services, so without these WebApplication
    /// would put the three in front of every request, proxied ones too; they run in the gateway's own
    /// branch instead. HostedPagesBranchTests fails if ASP.NET Core renames them.
    /// </summary>
    private static readonly string[] AutoMiddlewareMarkers = ["__AuthenticationMiddlewareSet", "__AuthorizationMiddlewareSet", "__AntiforgeryMiddlewareSet"];

    public static WebApplication MapGateway(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<GatewayPaths>();
        var servePages = BuildHostedPages(app.Services, paths);
        var properties = ((IApplicationBuilder)app).Properties;
        foreach (var marker in AutoMiddlewareMarkers)
        {
            properties[marker] = true;
        }

        app.UseMiddleware<ClientAddressMiddleware>();

        // The gateway's prefix is a branch of its own with its own routing, so a proxied request pays
        // for routing among YARP's routes only, as bare YARP does, and a request under the prefix can
        // never reach an app, whatever routes the operator configures.
        app.Use(next => context => paths.Owns(CanonicalPath.Of(context.Request)) ? servePages(context) : next(context));
        app.UseRouting();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<PolicyEnforcementMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>Pages, APIs, assets and health under the prefix, with the headers and checks that only they need.</summary>
    private static RequestDelegate BuildHostedPages(IServiceProvider services, GatewayPaths paths)
    {
        // A builder of its own rather than app.MapWhen: a branch of the WebApplication would share its
        // endpoint list, and YARP's routing would match among the pages' endpoints again.
        var gateway = new ApplicationBuilder(services);
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
        gateway.UseRouting();
        gateway.UseAuthentication();
        gateway.UseAuthorization();
        gateway.UseAntiforgery();
        gateway.UseEndpoints(endpoints =>
        {
            endpoints.MapRazorPages();
            endpoints.MapGatewayApi(paths);
            endpoints.MapStepUpApi(paths);
            endpoints.MapGatewayAdministration(paths);
            endpoints.MapGatewaySelfService(paths);
            endpoints.MapGatewayHealth(paths);
            endpoints.Map($"{paths.Prefix}/{{**rest}}", () => Results.NotFound()).WithOrder(GatewayEndpoints.Order + 1);
        });
        return gateway.Build();
    }
}
