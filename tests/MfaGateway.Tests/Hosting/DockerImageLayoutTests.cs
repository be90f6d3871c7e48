using System.Diagnostics;
using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// The container image starts: the files are laid out as the Dockerfile lays them out (same publish
/// command, paths, config, environment and entrypoint) and the gateway is started from them.
/// </summary>
public sealed class DockerImageLayoutTests
{
    private const string UpstreamVariable = "ReverseProxy__Clusters__app__Destinations__app__Address";

    [Fact]
    public async Task Gateway_starts_from_the_image_layout_as_a_non_root_user_and_passes_its_health_check()
    {
        await using var echo = await EchoUpstream.StartAsync();
        var root = Directory.CreateTempSubdirectory("mfa-gateway-image-").FullName;
        try
        {
            var layout = await DockerfileLayout.BuildAsync(RepositoryRoot(), root);

            Assert.False(string.IsNullOrEmpty(layout.User) || layout.User is "root" or "0", $"the image runs as '{layout.User}'");
            Assert.Equal("dotnet", layout.Entrypoint[0]);
            var environment = new Dictionary<string, string>(layout.Environment) { [UpstreamVariable] = echo.BaseAddress };

            await using var gateway = await GatewayProcess.StartAsync(GatewayProcess.DotnetHost, layout.Entrypoint.Skip(1), layout.WorkingDirectory, environment);
            using var client = gateway.NewClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/.mfa/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/echo/headers")).StatusCode);
            Assert.True(File.Exists(Path.Combine(layout.InStage("/var/lib/mfa-gateway"), "gateway.db")), "the database is not in the volume");

            var (exitCode, output) = await RunHealthCheckAsync(layout, gateway.BaseAddress.Port);
            Assert.True(exitCode == 0, $"HEALTHCHECK exited with {exitCode}: {output}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Health_command_reports_an_unreachable_gateway_as_unhealthy()
    {
        var (exitCode, _, _) = await Administration.GatewayExecutable.RunAsync(
            AppContext.BaseDirectory, "health", "--url", "http://127.0.0.1:9/.mfa/health");
        Assert.Equal(MfaGateway.Cli.CliExitCodes.Unhealthy, exitCode);
    }

    /// <summary>The image's HEALTHCHECK command, on the port this test's gateway listens on instead of 8080.</summary>
    private static async Task<(int ExitCode, string Output)> RunHealthCheckAsync(DockerfileLayout layout, int port)
    {
        var start = new ProcessStartInfo(GatewayProcess.DotnetHost)
        {
            WorkingDirectory = layout.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in layout.HealthCheck.Skip(1))
        {
            start.ArgumentList.Add(argument.Replace("127.0.0.1:8080", $"127.0.0.1:{port}", StringComparison.Ordinal));
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MfaGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MfaGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
