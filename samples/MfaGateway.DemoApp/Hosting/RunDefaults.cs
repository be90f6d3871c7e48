using Microsoft.Extensions.Configuration.Memory;

namespace MfaGateway.DemoApp.Hosting;

/// <summary>Defaults for running the demo by hand; anything given on the command line or in the environment wins.</summary>
internal static class RunDefaults
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly string[] ListenSettings = ["urls", "http_ports", "https_ports"];

    public static void Apply(WebApplicationBuilder builder)
    {
        // Inserted first, so it has the lowest priority: environment variables and --Logging:... arguments
        // override it. The app ships no appsettings.json, because that file would be copied next to any
        // test project that references this one and be picked up by other hosts there.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Warning",
                ["Logging:LogLevel:System"] = "Warning",

                // It warns that keys are stored unencrypted; here they never leave process memory.
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"] = "Error",
            },
        });

        if (!ListenSettings.Any(key => !string.IsNullOrWhiteSpace(builder.Configuration[key])))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }
}
