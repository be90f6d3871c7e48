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

            Assert.True(files.UseActivePolling, $"{source.Path} is not polled");
            Assert.NotSame(builder.Environment.ContentRootFileProvider, files);
        });

        // What matters on Linux: no inotify watch of this process is on the content root, which the
        // host's watcher (or a provider that watches instead of polling) would put there. Seen failing
        // with UsePollingFileWatcher removed, run alone; in the full suite the process may have used up
        // its inotify instances, so the assertions above carry the check as well.
        Assert.DoesNotContain(InotifyWatchedInodes(), inode => inode == InodeOf(_root.FullName));
    }

    /// <summary>The inodes this process's inotify instances watch, from /proc/self/fdinfo ("inotify wd:1 ino:51201f ...", hex).</summary>
    private static List<ulong> InotifyWatchedInodes()
    {
        var inodes = new List<ulong>();
        foreach (var file in Directory.EnumerateFiles("/proc/self/fdinfo"))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException)
            {
                continue; // the descriptor closed while we looked
            }

            foreach (var line in lines.Where(line => line.StartsWith("inotify ", StringComparison.Ordinal)))
            {
                var field = line.Split(' ').First(part => part.StartsWith("ino:", StringComparison.Ordinal));
                inodes.Add(Convert.ToUInt64(field["ino:".Length..], 16));
            }
        }

        return inodes;
    }

    private static ulong InodeOf(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return ulong.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
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

    private Microsoft.AspNetCore.Builder.WebApplicationBuilder CreateBuilder(string appSettings, params string[] arguments)
    {
        // In a folder of its own, as config/gateway.json is: the config file's own watcher is on its folder.
        var configFile = Path.Combine(_root.CreateSubdirectory("config").FullName, "gateway.json");
        File.WriteAllText(configFile, "{}");
        var appSettingsFile = Path.Combine(_root.FullName, "appsettings.json");
        File.WriteAllText(appSettingsFile, appSettings);
        File.SetLastWriteTimeUtc(appSettingsFile, DateTime.UtcNow.AddMinutes(-1)); // so the rewrite is seen as newer
        return GatewayHost.CreateConfiguredBuilder(["--contentRoot", _root.FullName, "--config", configFile, .. arguments], out _);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
