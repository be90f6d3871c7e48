using System.Diagnostics;
using System.Globalization;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

/// <summary>
/// Runs OATH Toolkit's <c>oathtool</c>, an independent C implementation of RFC 4226/6238, as a reference.
/// </summary>
internal static class Oathtool
{
    private const string NotFoundMessage =
        "oathtool not found: install Debian package oathtool (the README test command does this)";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string Totp(string base32Secret, OtpHashMode algorithm, int digits, int periodSeconds, DateTimeOffset now) =>
        Run(
            $"--totp={OathtoolName(algorithm)}",
            $"--digits={digits.ToString(CultureInfo.InvariantCulture)}",
            $"--time-step-size={periodSeconds.ToString(CultureInfo.InvariantCulture)}s",
            // An explicit "UTC" keeps the machine's TZ out of the comparison.
            $"--now={now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
            "--base32",
            base32Secret);

    private static string Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(FindExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("oathtool could not be started.");
        Task<string> standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            Assert.Fail($"oathtool {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }

        Assert.True(
            process.ExitCode == 0,
            $"oathtool {string.Join(' ', arguments)} exited with {process.ExitCode}: {standardError.Result}");
        return standardOutput.Trim();
    }

    private static string FindExecutable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, "oathtool");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Fail rather than skip: a silently skipped cross-check looks exactly like a passing one in CI.
        Assert.Fail(NotFoundMessage);
        throw new UnreachableException();
    }

    private static string OathtoolName(OtpHashMode algorithm) => algorithm switch
    {
        OtpHashMode.Sha1 => "SHA1",
        OtpHashMode.Sha256 => "SHA256",
        OtpHashMode.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };
}
