using Microsoft.Extensions.FileProviders;

namespace MfaGateway.DemoApp.Hosting;

internal static class StaticAssets
{
    /// <summary>
    /// Serves wwwroot from resources embedded in this assembly, so the stylesheet is there whatever the
    /// working directory is: when run from the repository root, or hosted inside a test process.
    /// </summary>
    public static IApplicationBuilder UseEmbeddedStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(StaticAssets).Assembly, "MfaGateway.DemoApp.wwwroot"),
        });
}
