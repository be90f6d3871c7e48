namespace MfaGateway.DemoApp.Public;

/// <summary>Pages anyone may see without signing in.</summary>
internal static class PublicEndpoints
{
    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", () => Results.Text("ok", "text/plain; charset=utf-8"));
        routes.MapGet("/public/about", AboutPage.Render);
        return routes;
    }
}
