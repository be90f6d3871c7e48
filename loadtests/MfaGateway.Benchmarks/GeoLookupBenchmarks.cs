using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using BenchmarkDotNet.Attributes;
using MaxMind.GeoIP2;
using MfaGateway.Risk.Geo;
using MfaGateway.TestSupport.Mmdb;
using MfaGateway.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Benchmarks;

/// <summary>
/// What locating a client address costs with MaxMind's reader, per lookup, over 1024 addresses spread across
/// the real GeoLite2 files (scripts/fetch-geoip.sh) and a writer-built ASN file of 20,000 networks.
/// MaxMind's reader decodes on every lookup (it keeps no record cache); the gateway has it decode into small
/// types of its own (CityRecord, AsnRecord) holding only the fields it reads, and skip the rest.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Security", "CA5394", Justification = "A seeded Random picks reproducible sample addresses; nothing secret.")]
public class GeoLookupBenchmarks
{
    private const int Addresses = 1024;

    private IPAddress[] _addresses = null!;
    private IPAddress[] _asnAddresses = null!;
    private GeoDatabase _city = null!;
    private GeoDatabase _country = null!;
    private GeoDatabase _asn = null!;
    private DatabaseReader _maxMindCity = null!;
    private GeoLocator _locator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(RepositoryRoot.Find(), "data", "geoip");
        var cityPath = Path.Combine(data, "GeoLite2-City.mmdb");
        if (!File.Exists(cityPath))
        {
            throw new InvalidOperationException("GeoLite2 files missing: run scripts/fetch-geoip.sh");
        }

        _city = Open(cityPath, GeoDatabaseRole.City);
        _country = Open(Path.Combine(data, "GeoLite2-Country.mmdb"), GeoDatabaseRole.Country);
        _maxMindCity = new DatabaseReader(cityPath, MaxMind.Db.FileAccessMode.Memory);

        // Addresses that resolve, drawn evenly over the IPv4 space with a fixed seed; 1 in 8 is IPv6.
        var random = new Random(2026);
        var picked = new List<IPAddress>();
        while (picked.Count < Addresses)
        {
            var candidate = picked.Count % 8 == 7
                ? new IPAddress([0x2a, 0x00, 0x14, 0x50, .. Enumerable.Range(0, 12).Select(_ => (byte)random.Next(256))])
                : new IPAddress((uint)random.NextInt64(0, 1L << 32));
            if (_city.Find<CityRecord>(candidate) is not null)
            {
                picked.Add(candidate);
            }
        }

        _addresses = [.. picked];

        var asnPath = Path.Combine(Directory.CreateTempSubdirectory("mfa-bench-asn-").FullName, "asn.mmdb");
        File.WriteAllBytes(asnPath, BuildAsnDatabase(random, out var asnNetworks));

        // Random addresses would mostly miss 20,000 networks and measure only "not found"; these all hit.
        _asnAddresses = [.. asnNetworks.Take(Addresses).Select(n => FromHostOrder(n | (uint)random.Next(256)))];
        _asn = Open(asnPath, GeoDatabaseRole.Asn);

        var errors = new List<ConfigError>();
        var settings = GeoIpSettingsCompiler.Compile(new GeoIpOptions { CityDatabase = cityPath, AsnDatabase = asnPath }, data, errors);
        if (errors.HasErrors())
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        _locator = new GeoLocator(settings, NullLogger<GeoLocator>.Instance, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _locator.Dispose();
        _maxMindCity.Dispose();
    }

    /// <summary>City record through MaxMind.Db into the gateway's own CityRecord, as the gateway reads it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Addresses)]
    public int CityLookup()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            found += _city.Find<CityRecord>(address) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>MaxMind's DatabaseReader.TryCity, for comparison: the whole record into MaxMind's CityResponse (as the gateway did before).</summary>
    [Benchmark(OperationsPerInvoke = Addresses)]
    public int CityLookupThroughDatabaseReader()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            found += _maxMindCity.TryCity(address, out _) ? 1 : 0;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Addresses)]
    public int CountryLookup()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            found += _country.Find<CityRecord>(address) is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Addresses)]
    public int AsnLookup()
    {
        var found = 0;
        foreach (var address in _asnAddresses)
        {
            found += _asn.Find<AsnRecord>(address) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>The gateway's call: guarded City and ASN lookups combined into a GeoPlace.</summary>
    [Benchmark(OperationsPerInvoke = Addresses)]
    public int GatewayLocate()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            found += _locator.Locate(address) is null ? 0 : 1;
        }

        return found;
    }

    private static GeoDatabase Open(string path, GeoDatabaseRole role) =>
        GeoDatabaseLoader.TryOpen(path, role, out var problem, out _) ?? throw new InvalidOperationException(problem);

    private static byte[] BuildAsnDatabase(Random random, out List<uint> networks)
    {
        networks = [];
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Benchmark-ASN", RecordSize = 24 });
        for (var i = 0; i < 20_000; i++)
        {
            var network = (uint)random.NextInt64(0, 1L << 32) & 0xFFFFFF00u;
            networks.Add(network);
            writer.Insert(FromHostOrder(network), 24, new Dictionary<string, object>
            {
                ["autonomous_system_number"] = (uint)(64_512 + (i % 1000)),
                ["autonomous_system_organization"] = $"Benchmark network operator {i % 1000}",
            });
        }

        return writer.Build();
    }

    /// <summary>IPAddress(long) wants network byte order in memory; a uint with the first octet on top is reversed.</summary>
    private static IPAddress FromHostOrder(uint address) => new(BinaryPrimitives.ReverseEndianness(address));
}
