using System.Diagnostics;
using System.Globalization;
using MfaGateway.FlowBenchmark;

// loadtests/run-flow-benchmark.sh starts the bank and the gateway and passes their details here.
var options = args.Chunk(2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.Ordinal);
var gateway = new Uri(options["gateway"]);
var pid = int.Parse(options["pid"], CultureInfo.InvariantCulture);
var userCount = int.Parse(options["users"], CultureInfo.InvariantCulture);
var flowsPerLevel = int.Parse(options["flows"], CultureInfo.InvariantCulture);
var levels = options["levels"].Split(',').Select(level => int.Parse(level, CultureInfo.InvariantCulture)).ToArray();
const string Password = "load-password";

var flow = new StepUpFlow(gateway);
var started = ProcessSample.Of(pid);
var enrolClock = Stopwatch.StartNew();
var secrets = new (string Name, string Secret, long EnrolledStep)[userCount];
await Parallel.ForAsync(0, userCount, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
{
    var name = string.Create(CultureInfo.InvariantCulture, $"load-{i + 1:D5}");
    var (secret, step) = await flow.EnrolAsync(name, Password, cancellationToken);
    secrets[i] = (name, secret, step);
});
var enrolled = ProcessSample.Of(pid);
await Console.Error.WriteLineAsync($"enrolled {userCount} users in {enrolClock.Elapsed.TotalSeconds:F1} s");

var users = new EnrolledUsers(secrets);
var rows = new List<string>();
var rssAfterLevels = new List<long>();
foreach (var concurrency in levels)
{
    var latencies = new double[flowsPerLevel];
    var errors = 0;
    string? firstError = null;
    var before = ProcessSample.Of(pid);
    var starvedBefore = users.Starved;
    var clock = Stopwatch.StartNew();
    await Parallel.ForAsync(0, flowsPerLevel, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellationToken) =>
    {
        var (name, secret, step) = await users.TakeAsync(cancellationToken);
        var one = Stopwatch.StartNew();
        try
        {
            await flow.RunAsync(name, Password, secret, step, cancellationToken);
        }
        catch (Exception ex) when (ex is FlowException or HttpRequestException or TaskCanceledException)
        {
            Interlocked.CompareExchange(ref firstError, ex.Message, null);
            Interlocked.Increment(ref errors);
        }

        latencies[i] = one.Elapsed.TotalMilliseconds;
    });
    var elapsed = clock.Elapsed;
    var after = ProcessSample.Of(pid);
    rssAfterLevels.Add(after.RssBytes);
    Array.Sort(latencies);
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {concurrency} | {flowsPerLevel:N0} | {errors} | {flowsPerLevel / elapsed.TotalSeconds:N0} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.99):F1} | {latencies[^1]:F1} | {(after.Cpu - before.Cpu).TotalMilliseconds / flowsPerLevel:F2} ms | {(after.WrittenBytes - before.WrittenBytes) / 1024.0 / flowsPerLevel:F1} KiB | {Mib(before.RssBytes)} -> {Mib(after.RssBytes)} MiB | {users.Starved - starvedBefore} |"));
    await Console.Error.WriteLineAsync(rows[^1] + (firstError is null ? string.Empty : $" first error: {firstError}"));
}

await Task.Delay(TimeSpan.FromSeconds(10));
var idle = ProcessSample.Of(pid);

Console.WriteLine("| concurrent flows | flows | errors | flows/s | p50 ms | p99 ms | max ms | gateway CPU per flow | written per flow | gateway RSS before -> after | waits for a fresh user |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Gateway RSS: {Mib(started.RssBytes)} MiB at start, {Mib(enrolled.RssBytes)} MiB after enrolling {userCount:N0} users (warm-up), {string.Join(", ", rssAfterLevels.Select(Mib))} MiB after each level, {Mib(idle.RssBytes)} MiB after 10 s idle."));
return 0;

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
