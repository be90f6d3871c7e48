using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// A gateway running as its own process (environment variables of its own, as a deployment has),
/// listening on a free loopback port; stopped and killed on dispose.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, line) => Collect(line.Data);
        process.ErrorDataReceived += (_, line) => Collect(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything printed so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> plus <c>--urls</c> on a free
    /// port, then waits until that port answers HTTP.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");

        // Only what the test names: nothing from the test run's own environment may configure the gateway.
        foreach (var inherited in start.Environment.Keys.Where(IsGatewaySetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var gateway = new GatewayProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await gateway.WaitUntilListeningAsync();
        return gateway;
    }

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Polls <paramref name="condition"/> until it holds (a file watcher acts on its own schedule).</summary>
    public async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool IsGatewaySetting(string name) =>
        name.StartsWith("Gateway__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ReverseProxy__", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MFAGATEWAY_CONFIG", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                Assert.Fail($"the gateway exited with {_process.ExitCode} before listening:\n{Output}");
            }

            try
            {
                using var _ = await client.GetAsync(new Uri(BaseAddress, "/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }

        Assert.Fail($"the gateway did not listen on {BaseAddress} within {StartTimeout}:\n{Output}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
