using MfaGateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// The host's default appsettings.json sources would watch the whole content root, the data directory
/// under it included, and wake on every SQLite write. The gateway's builder turns that off.
/// </summary>
public sealed class ContentRootWatchTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mfa-content-root-");

    [Fact]
    public void No_configuration_file_source_watches_the_content_root()
    {
        var configFile = Path.Combine(_root.FullName, "gateway.json");
        File.WriteAllText(configFile, "{}");
        File.WriteAllText(Path.Combine(_root.FullName, "appsettings.json"), "{}");

        var builder = GatewayHost.CreateConfiguredBuilder(["--contentRoot", _root.FullName, "--config", configFile], out _);
        var fileSources = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        Assert.Contains(fileSources, source => source.Path == "appsettings.json"); // the defaults are still read
        Assert.All(fileSources, source => Assert.False(source.ReloadOnChange, $"{source.Path} reloads on change"));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
