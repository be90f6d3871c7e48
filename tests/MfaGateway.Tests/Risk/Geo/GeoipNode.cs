using System.Diagnostics;
using System.Text.Json;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>
/// Runs tests/geoip-crosscheck/crosscheck.mjs, which looks addresses up with MaxMind's own Node reader
/// (@maxmind/geoip2-node, pinned in that folder's package-lock.json), as an independent reference.
/// </summary>
internal static class GeoipNode
{
    private const string NotInstalled = "run npm ci in tests/geoip-crosscheck";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>One JSON object per address, in order.</summary>
    public static IReadOnlyList<JsonElement> Lookup(string kind, string database, IReadOnlyList<string> addresses)
    {
        var folder = Path.Combine(GeoLite2Files.RepositoryRoot, "tests", "geoip-crosscheck");
        Assert.True(
            Directory.Exists(Path.Combine(folder, "node_modules", "@maxmind", "geoip2-node")),
            $"@maxmind/geoip2-node is not installed: {NotInstalled}");

        var startInfo = new ProcessStartInfo(FindNode())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        startInfo.ArgumentList.Add("crosscheck.mjs");
        startInfo.ArgumentList.Add(kind);
        startInfo.ArgumentList.Add(database);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(string.Join('\n', addresses));
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            Assert.Fail($"node crosscheck.mjs did not finish within {Timeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"node crosscheck.mjs exited with {process.ExitCode}: {standardError.Result}");
        var lines = standardOutput.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(addresses.Count, lines.Length);
        return [.. lines.Select(line => JsonDocument.Parse(line).RootElement)];
    }

    private static string FindNode()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Fail rather than skip: a silently skipped cross-check looks exactly like a passing one in CI.
        Assert.Fail($"node not found on PATH: install Node.js 20+, then {NotInstalled}");
        throw new UnreachableException();
    }
}
