using System.Diagnostics;
using MfaGateway.Hosting;

namespace MfaGateway.Tests.Administration;

/// <summary>The real gateway executable (its dll, run with dotnet), as an operator runs it on the host.</summary>
public static class GatewayExecutable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"MfaGateway {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, null, arguments);

    /// <summary>Starts the executable, waits for a line of standard output containing <paramref name="expected"/>, then stops it.</summary>
    public static async Task<string> RunUntilOutputAsync(string workingDirectory, string expected, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, null, arguments))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains(expected, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Fail($"MfaGateway exited with {process.ExitCode} before printing \"{expected}\":\n{await stderr}");
            return string.Empty;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"MfaGateway did not print \"{expected}\" within {Timeout}");
            return string.Empty;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var dll = typeof(GatewayHost).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The config file is named on the command line; one inherited from the test run must not interfere.
        start.Environment.Remove(GatewayHost.ConfigFileEnvironmentVariable);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
