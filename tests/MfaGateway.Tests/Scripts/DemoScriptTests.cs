using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Scripts;

/// <summary>
/// scripts/demo.sh, as a developer runs it: Ctrl+C in its terminal or a SIGTERM from a supervisor
/// stops the demo bank and the gateway with it, promptly, leaving no process on the demo's ports.
/// </summary>
public sealed class DemoScriptTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _data = Directory.CreateTempSubdirectory("mfa-gateway-demo-").FullName;

    /// <summary>What demo.sh and its two servers printed, so a failure says why they stopped.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup rather than failing the test.
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task The_demo_stops_both_processes_promptly_on_a_signal(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var gatewayPort = FreePort();
        using var script = StartDemo(FreePort(), gatewayPort);
        var children = new List<int>();
        try
        {
            await WaitUntilServingAsync(script, gatewayPort);
            children.AddRange(Descendants(script.Id));
            Assert.True(children.Count >= 2, $"expected the bank and the gateway under demo.sh, found {children.Count} processes");

            await SendAsync(signal, script.Id);

            using var timeout = new CancellationTokenSource(StopTimeout);
            await script.WaitForExitAsync(timeout.Token);
            var stopped = Stopwatch.StartNew();
            while (children.Any(IsRunning) && stopped.Elapsed < TimeSpan.FromSeconds(2))
            {
                await Task.Delay(50);
            }

            Assert.False(children.Any(IsRunning), $"still running after demo.sh exited: {string.Join(", ", children.Where(IsRunning))}");
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"demo.sh did not exit within {StopTimeout} of SIG{signal}");
        }
        finally
        {
            Kill(script, children);
        }
    }

    private Process StartDemo(int appPort, int gatewayPort)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "demo.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DEMO_APP_PORT"] = appPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["DEMO_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["DEMO_DATA_DIRECTORY"] = _data;
        start.Environment["DEMO_NO_BUILD"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>/health is a Bypass route to the bank: a 200 through the gateway means both are up.</summary>
    private async Task WaitUntilServingAsync(Process script, int gatewayPort)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            Assert.False(script.HasExited, $"demo.sh exited with {(script.HasExited ? script.ExitCode : 0)} before serving; its last output:\n{string.Join('\n', _output)}");
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{gatewayPort}/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"the demo did not serve /health on port {gatewayPort} within {StartTimeout}");
    }

    private static async Task SendAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Every process below <paramref name="root"/>, from /proc (dotnet run starts the app as its own child).</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var next))
        {
            foreach (var (pid, parent) in parents)
            {
                if (parent == next)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            // A zombie has exited; it only waits for its parent to collect it.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whatever the outcome, nothing the test started outlives it.</summary>
    private static void Kill(Process script, List<int> children)
    {
        foreach (var pid in children.Where(IsRunning))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        if (!script.HasExited)
        {
            script.Kill(entireProcessTree: true);
        }
    }
}
