using System.Diagnostics;
using System.Globalization;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>Debian's oathtool, an implementation of RFC 6238 independent of ours.</summary>
public static class Oathtool
{
    public static async Task<string> TotpAsync(string base32Secret, DateTimeOffset at)
    {
        const string path = "/usr/bin/oathtool";
        if (!File.Exists(path))
        {
            Assert.Fail("oathtool not found: install Debian package oathtool (the README test command does this)");
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--totp", "-b", "--now", at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC", base32Secret })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"oathtool failed: {await process.StandardError.ReadToEndAsync()}");
        return output.Trim();
    }
}
