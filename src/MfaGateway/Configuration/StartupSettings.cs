
namespace MfaGateway.Configuration;

/// <summary>Settings read once at start-up; a reload that changes them is logged and ignored until restart.</summary>
public sealed record StartupSettings(string PathPrefix, string DataDirectory)
{
    /// <param name="configDirectory">The config file's folder: a relative DataDirectory is inside it.</param>
    public static StartupSettings Read(IConfiguration configuration, string configDirectory)
    {
        var section = configuration.GetSection(GatewayOptions.SectionName);
        var prefix = section[nameof(GatewayOptions.PathPrefix)] ?? new GatewayOptions().PathPrefix;
        var dataDirectory = section[nameof(GatewayOptions.DataDirectory)] ?? new GatewayOptions().DataDirectory;
        return new StartupSettings(prefix, Path.GetFullPath(Path.Combine(configDirectory, dataDirectory)));
    }
}
