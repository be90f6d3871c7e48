using System.Collections.Frozen;
using System.Net;
using BenchmarkDotNet.Attributes;
using MfaGateway.Networking;
using MfaGateway.Risk.Reputation;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Benchmarks;

/// <summary>
/// A reputation lookup against lists the size of FireHOL level1 (~5,000 CIDRs) plus Tor's exits
/// (~1,500 addresses), as done on every risk decision; the linear NetworkList scan shows what the
/// interval merge saves.
/// </summary>
[MemoryDiagnoser]
public class ReputationBenchmarks
{
    private IpRangeSet _set = null!;
    private NetworkList _linear = null!;
    private IpReputationService _service = null!;
    private IPAddress _hitNetwork = null!;
    private IPAddress _hitSingle = null!;
    private IPAddress _miss = null!;
    private IPAddress _mappedHit = null!;
    private IPAddress _v6Miss = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Fixed seed: the same lists every run. Not security-relevant randomness.
#pragma warning disable CA5394
        var random = new Random(4500);
        var networks = new List<IPNetwork>();
        for (var i = 0; i < 5000; i++)
        {
            var prefix = random.Next(16, 29);
            var bits = (uint)random.NextInt64(0x0100_0000, 0xE000_0000) & ~(uint.MaxValue >> prefix);
            networks.Add(new IPNetwork(ToAddress(bits), prefix));
        }

        for (var i = 0; i < 1500; i++)
        {
            networks.Add(new IPNetwork(ToAddress((uint)random.NextInt64(0x0100_0000, 0xE000_0000)), 32));
        }
#pragma warning restore CA5394

        var builder = new IpRangeSetBuilder();
        networks.ForEach(n => builder.Add(n));
        _set = builder.Build();
        _linear = new NetworkList(networks);
        _hitNetwork = networks[2500].BaseAddress;
        _hitSingle = networks[5750].BaseAddress;
        _mappedHit = _hitSingle.MapToIPv6();
        _miss = IPAddress.Parse("203.0.113.77");
        _v6Miss = IPAddress.Parse("2001:db8::77");
        if (_set.Contains(_miss) || !_set.Contains(_hitNetwork) || !_set.Contains(_hitSingle))
        {
            throw new InvalidOperationException("the generated lists do not have the hits and misses the benchmark assumes");
        }

        var settings = new IpReputationSettings
        {
            BlockLists = [new BlockListSettings("bench", "/dev/null", BlockListFormat.Plain, _set)],
            DatacenterAsns = new HashSet<long> { 16509, 14061 }.ToFrozenSet(),
        };
        _service = new IpReputationService(settings, null, TimeProvider.System, NullLoggerFactory.Instance, watchFiles: false);
    }

    [GlobalCleanup]
    public void Cleanup() => _service.Dispose();

    [Benchmark(Baseline = true)]
    public bool HitInNetwork() => _set.Contains(_hitNetwork);

    [Benchmark]
    public bool HitSingleAddress() => _set.Contains(_hitSingle);

    [Benchmark]
    public bool HitIPv4Mapped() => _set.Contains(_mappedHit);

    [Benchmark]
    public bool Miss() => _set.Contains(_miss);

    [Benchmark]
    public bool MissIPv6() => _set.Contains(_v6Miss);

    /// <summary>The whole service check for a clean public address: lists, ASN, no provider.</summary>
    [Benchmark]
    public bool ServiceCheckMiss()
    {
        var pending = _service.CheckAsync(_miss, 3320, default);
        if (!pending.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("without a provider the check completes synchronously");
        }

        return pending.Result.Suspicious;
    }

    /// <summary>What a linear scan of the same 6,500 networks costs (NetworkList, built for short config lists).</summary>
    [Benchmark]
    public bool LinearScanMiss() => _linear.Contains(_miss);

    private static IPAddress ToAddress(uint bits) => new([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]);
}
