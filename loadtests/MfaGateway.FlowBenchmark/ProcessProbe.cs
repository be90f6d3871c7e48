using System.Globalization;

namespace MfaGateway.FlowBenchmark;

/// <summary>CPU time, resident memory and bytes written to disk of the gateway's process, from /proc.</summary>
public sealed record ProcessSample(TimeSpan Cpu, long RssBytes, long WrittenBytes)
{
    public static ProcessSample Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rssKib = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var written = File.ReadLines($"/proc/{pid}/io").First(line => line.StartsWith("write_bytes:", StringComparison.Ordinal)).Split(' ')[1];

        // Linux reports CPU in clock ticks of 1/100 s (USER_HZ) to user space.
        return new ProcessSample(
            TimeSpan.FromMilliseconds(ticks * 10),
            long.Parse(rssKib, CultureInfo.InvariantCulture) * 1024,
            long.Parse(written, CultureInfo.InvariantCulture));
    }
}
