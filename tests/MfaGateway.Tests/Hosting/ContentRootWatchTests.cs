using MfaGateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// The host's default appsettings.json sources would watch the whole content root, the data directory
/// under it included, and wake on every SQLite write. The gateway's builder polls those files instead,
/// so they still reload: a setting removed from appsettings.json stops applying without a restart.
/// </summary>
public sealed class ContentRootWatchTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mfa-content-root-");

    [Fact]
    public void Appsettings_files_are_polled_and_nothing_watches_the_content_root()
    {
        var builder = CreateBuilder("{}");
        var fileSources = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        var appSettings = fileSources.OfType<JsonConfigurationSource>().Where(source => source.Path!.StartsWith("appsettings", StringComparison.Ordinal)).ToList();
        Assert.Contains(appSettings, source => source.Path == "appsettings.json");
        Assert.All(appSettings, source =>
        {
            Assert.True(source.ReloadOnChange, $"{source.Path} does not reload");
            var files = Assert.IsType<PhysicalFileProvider>(source.FileProvider);

            // Polling with active polling set creates no FileSystemWatcher at all. UsePollingFileWatcher
            // itself reads false once the provider's watcher exists, so the host's own (watching)
            // content-root provider is what must not be used.
            Assert.True(files.UseActivePolling, $"{source.Path} is not polled");
            Assert.NotSame(builder.Environment.ContentRootFileProvider, files);
        });
    }

    [Fact]
    public async Task A_key_removed_from_appsettings_stops_applying()
    {
        var builder = CreateBuilder("""{ "Gateway": { "Admin": { "Probe": "present" } } }""");
        Assert.Equal("present", builder.Configuration["Gateway:Admin:Probe"]);

        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "appsettings.json"), "{}");
        for (var i = 0; i < 150 && builder.Configuration["Gateway:Admin:Probe"] is not null; i++)
        {
            await Task.Delay(100); // the files are polled every 4 s
        }

        Assert.Null(builder.Configuration["Gateway:Admin:Probe"]);
    }

    private Microsoft.AspNetCore.Builder.WebApplicationBuilder CreateBuilder(string appSettings)
    {
        var configFile = Path.Combine(_root.FullName, "gateway.json");
        File.WriteAllText(configFile, "{}");
        var appSettingsFile = Path.Combine(_root.FullName, "appsettings.json");
        File.WriteAllText(appSettingsFile, appSettings);
        File.SetLastWriteTimeUtc(appSettingsFile, DateTime.UtcNow.AddMinutes(-1)); // so the rewrite is seen as newer
        return GatewayHost.CreateConfiguredBuilder(["--contentRoot", _root.FullName, "--config", configFile], out _);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
