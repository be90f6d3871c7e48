using System.Net;
using MfaGateway.Risk.Geo;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.TestSupport.Mmdb;
using MfaGateway.WatchedFiles;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>
/// The gateway's loader around MaxMind's reader (<see cref="GeoDatabaseLoader"/>, and the guarded lookups of
/// <see cref="ReloadingGeoDatabase"/>): truncated, corrupted and mislabelled files are refused with a message
/// naming the file and the problem, lookups in a damaged file answer "not found", and no exception of any
/// type escapes, never a hang, and refused files do not pile up in memory.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class MmdbCorruptionTests : IDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(120);

    /// <summary>GeoLite2-City 2019-12-24: 3,691,620 nodes of 28 bits (its metadata), then the 16-byte separator.</summary>
    private const int CityDataSectionStart = 3_691_620 * 7 + 16;

    private readonly GeoTestDatabases _files = new();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public MmdbCorruptionTests() => _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs));

    public void Dispose()
    {
        _loggerFactory.Dispose();
        Directory.Delete(_files.Directory, recursive: true);
    }

    [Fact]
    public void A_file_cut_anywhere_is_refused_with_a_clear_message()
    {
        var whole = CityFixture.Build();
        var markerAt = whole.AsSpan().LastIndexOf(MmdbWriter.MarkerBytes);
        int[] cuts = [1, 15, whole.Length / 3, whole.Length / 2, markerAt - 1, markerAt + 5, markerAt + 14, markerAt + 40, whole.Length - 1];

        foreach (var cut in cuts)
        {
            Assert.Null(GeoDatabaseLoader.TryOpen(whole[..cut], "cut.mmdb", GeoDatabaseRole.City, out var problem));
            Assert.StartsWith("file 'cut.mmdb' is not a usable MaxMind DB file: ", problem, StringComparison.Ordinal);
        }

        GeoDatabaseLoader.TryOpen(whole[..(whole.Length / 2)], "cut.mmdb", GeoDatabaseRole.City, out var beforeMarker);
        Assert.Equal("file 'cut.mmdb' is not a usable MaxMind DB file: metadata marker not found — not a MaxMind DB file or truncated", beforeMarker);
        GeoDatabaseLoader.TryOpen([], "empty.mmdb", GeoDatabaseRole.City, out var empty);
        Assert.Equal("file 'empty.mmdb' is empty (still being written?)", empty);
    }

    [Fact]
    public void The_real_Country_file_cut_short_is_refused()
    {
        var whole = File.ReadAllBytes(GeoLite2Files.Country);

        foreach (var cut in new[] { 100, whole.Length / 2, whole.Length - 300, whole.Length - 50, whole.Length - 3 })
        {
            Assert.Null(GeoDatabaseLoader.TryOpen(whole[..cut], "GeoLite2-Country.mmdb", GeoDatabaseRole.Country, out var problem));
            Assert.Contains("'GeoLite2-Country.mmdb'", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Lookups_that_fail_in_a_damaged_data_section_answer_not_found_and_are_logged_once()
    {
        // Keeps the tree and the metadata but drops the last records: the tree now points beyond the data.
        var whole = CityFixture.Build();
        var markerAt = whole.AsSpan().LastIndexOf(MmdbWriter.MarkerBytes);
        var shortened = whole[..(markerAt - 300)].Concat(whole[markerAt..]).ToArray();

        // The loader's probe addresses are not in this fixture, so it opens; the damage is met at run time.
        var database = GeoDatabaseLoader.TryOpen(shortened, "short.mmdb", GeoDatabaseRole.City, out var problem);
        Assert.True(database is not null, problem);
        using var live = new ReloadingGeoDatabase(new GeoDatabaseSource("Gateway:GeoIp:CityDatabase", "short.mmdb", GeoDatabaseRole.City, database), _loggerFactory.CreateLogger("geo"), TimeProvider.System, watch: false);

        var answers = CityFixture.Probes().Select(p => live.Place(IPAddress.Parse(p))).ToList();

        Assert.Contains(answers, a => a is null);
        Assert.Contains(answers, a => a is not null);
        var warning = Assert.Single(_logs.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("Gateway:GeoIp:CityDatabase: lookups fail on a corrupted part of 'short.mmdb' and answer 'not found' there", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_byte_corruption_never_lets_an_exception_out()
    {
        var pristine = CityFixture.Build();
        var probes = CityFixture.Probes().Append("8.8.8.8").Append("::1").Select(IPAddress.Parse).ToArray();
        var random = new Random(424_242);
        var outcomes = new Dictionary<string, int>();

        var run = Task.Run(() =>
        {
            for (var iteration = 0; iteration < 1_000; iteration++)
            {
                var bytes = (byte[])pristine.Clone();
                var flips = random.Next(1, 6);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                var outcome = Exercise(bytes, probes, GeoDatabaseRole.City);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });

        await FinishesInTime(run);
        Assert.True(outcomes.GetValueOrDefault("refused") > 50, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("opened") > 50, string.Join(", ", outcomes));
    }

    [Fact]
    public async Task Random_corruption_of_the_real_Country_file_never_lets_an_exception_out()
    {
        var bytes = File.ReadAllBytes(GeoLite2Files.Country);
        var probes = Enumerable.Range(0, 200).Select(i => new IPAddress((uint)(i * 2_654_435_761u))).ToArray();
        var random = new Random(99);

        var run = Task.Run(() =>
        {
            for (var iteration = 0; iteration < 100; iteration++)
            {
                // Corrupts in place and restores afterwards: copying 4 MB per iteration would dominate the test.
                var positions = Enumerable.Range(0, random.Next(1, 50)).Select(_ => random.Next(bytes.Length)).ToArray();
                var saved = positions.Select(p => bytes[p]).ToArray();
                foreach (var position in positions)
                {
                    bytes[position] = (byte)random.Next(256);
                }

                Exercise(bytes, probes, GeoDatabaseRole.Country);
                for (var i = positions.Length - 1; i >= 0; i--)
                {
                    bytes[positions[i]] = saved[i];
                }
            }
        });

        await FinishesInTime(run);
    }

    /// <summary>
    /// Damaged metadata is what MaxMind.Db 5.2.0 opens and then fails every lookup of (a missing database_type
    /// gives NullReferenceException), or refuses at open while keeping the file's copy in native memory.
    /// </summary>
    public static TheoryData<string, object?, string> BadMetadata => new()
    {
        { "binary_format_major_version", (ushort)3, "binary_format_major_version is missing or not 2" },
        { "record_size", (ushort)30, "record_size is missing or not 24, 28 or 32" },
        { "ip_version", (ushort)5, "ip_version is missing or not 4 or 6" },
        { "node_count", 0u, "node_count 0 does not fit before the metadata" },
        { "node_count", 1u << 29, "does not fit before the metadata" },
        { "node_count", 100_000u, "does not fit before the metadata" },
        { "node_count", null, "node_count is missing or not an unsigned integer" },
        { "database_type", null, "database_type is missing or not a string" },
        { "database_type", 7u, "database_type is missing or not a string" },
        { "record_size", "28", "record_size is missing or not 24, 28 or 32" },
        { "build_epoch", null, "build_epoch is missing" },
        { "languages", new List<object> { "en", 5u }, "languages is not a list of strings" },
        { "description", new Dictionary<string, object> { ["en"] = 1.5 }, "description is not a map of strings" },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public void Wrong_metadata_is_refused_with_the_field_named(string field, object? value, string message)
    {
        var bytes = CityFixture.Build(changeMetadata: metadata =>
        {
            if (value is null)
            {
                metadata.Remove(field);
            }
            else
            {
                metadata[field] = value;
            }
        });

        Assert.Null(GeoDatabaseLoader.TryOpen(bytes, "bad.mmdb", GeoDatabaseRole.City, out var problem));

        Assert.Contains(message, problem, StringComparison.Ordinal);
        Assert.StartsWith("file 'bad.mmdb' is not a usable MaxMind DB file: metadata ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_count_one_off_is_caught_by_the_zero_separator()
    {
        var nodeCount = 0u;
        CityFixture.Build(changeMetadata: metadata => nodeCount = (uint)metadata["node_count"]);
        var bytes = CityFixture.Build(changeMetadata: metadata => metadata["node_count"] = nodeCount - 1);

        Assert.Null(GeoDatabaseLoader.TryOpen(bytes, "bad.mmdb", GeoDatabaseRole.City, out var problem));

        Assert.Contains("are not the zero separator", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_is_not_a_MaxMind_DB_file()
    {
        var path = _files.Write("notes.txt", "not a database"u8.ToArray());

        Assert.Null(GeoDatabaseLoader.TryOpen(path, GeoDatabaseRole.City, out var problem, out var missing));

        Assert.False(missing);
        Assert.Equal($"file '{path}' is not a usable MaxMind DB file: metadata marker not found — not a MaxMind DB file or truncated", problem);
    }

    [Fact]
    public void Memory_stays_flat_over_50_bad_reloads_of_the_real_City_file()
    {
        // Three ways a replacement of the 60 MB City file goes wrong: cut short (refused by the frame check),
        // metadata without database_type (what MaxMind.Db opens and then fails every lookup of), and records
        // overwritten (opened by MaxMind's reader, refused by the probe, so disposed by the loader).
        var pristine = File.ReadAllBytes(GeoLite2Files.City);
        var markerAt = pristine.AsSpan().LastIndexOf(MmdbWriter.MarkerBytes);
        var truncated = _files.Write("truncated.mmdb", pristine[..(pristine.Length / 2)]);
        var withoutType = _files.Write("untyped.mmdb", WithoutDatabaseType(pristine, markerAt));
        var overwritten = (byte[])pristine.Clone();
        overwritten.AsSpan(CityDataSectionStart, markerAt - CityDataSectionStart).Fill(0xFF);
        var scrambled = _files.Write("scrambled.mmdb", overwritten);
        string[] bad = [truncated, withoutType, scrambled];

        var path = _files.Write("GeoLite2-City.mmdb", pristine);
        var database = GeoDatabaseLoader.TryOpen(path, GeoDatabaseRole.City, out var problem, out _);
        Assert.True(database is not null, problem);
        pristine = null;
        overwritten = null;
        using var live = new ReloadingGeoDatabase(new GeoDatabaseSource("Gateway:GeoIp:CityDatabase", path, GeoDatabaseRole.City, database), _loggerFactory.CreateLogger("geo"), TimeProvider.System, watch: false);

        // Warm-up: the first reads size the runtime's heaps; growth after that would be a leak.
        var problems = new HashSet<string>();
        var mostCopies = 0;
        for (var i = 0; i < 6; i++)
        {
            Reload(i);
        }

        var (managedBefore, copiesBefore) = Measure();
        mostCopies = copiesBefore;
        for (var i = 0; i < 50; i++)
        {
            Reload(i);
        }

        var managedAfter = Measure().Managed;

        Assert.Equal("GB", live.Place(IPAddress.Parse("81.2.69.142"))?.CountryCode);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("a lookup of", StringComparison.Ordinal));

        // The runtime keeps freed heap regions of a warm process committed (the suite once saw 414-529 MiB of
        // such growth after 1,300 other tests), so the whole resident set says nothing about this loader; what
        // would leak is the live objects and MaxMind's copies of the file.
        const long Bound = 400L << 20;
        Assert.True(managedAfter - managedBefore < Bound, $"managed memory grew by {(managedAfter - managedBefore) >> 20} MiB");

        // MaxMind's reader copies the file into a memory map of its own that only disposing or the finalizer
        // frees (a forced collection would hide an undisposed one), so the maps are counted right after each
        // reload: a refused reader left for the finalizer shows as one more, about 60 MB until the next full GC.
        Assert.True(mostCopies == copiesBefore, $"{mostCopies - copiesBefore} refused reader(s) were left undisposed after a reload");

        void Reload(int i)
        {
            File.Copy(bad[i % bad.Length], path, overwrite: true);
            var outcome = live.Reload();
            mostCopies = Math.Max(mostCopies, ReaderCopies());
            Assert.Equal(WatchedFileStatus.KeptLastGood, outcome.Status);
            problems.Add(outcome.Reason![(outcome.Reason!.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }
    }

    private static (long Managed, int ReaderCopies) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return (GC.GetTotalMemory(forceFullCollection: true), ReaderCopies());
    }

    /// <summary>
    /// The anonymous memory maps in this process (Linux /proc/self/maps) of the kind MaxMind's reader copies a
    /// database into: .NET's unnamed <see cref="System.IO.MemoryMappedFiles.MemoryMappedFile"/> is a memfd named "/dotnet_…".
    /// </summary>
    private static int ReaderCopies()
    {
        Assert.True(File.Exists("/proc/self/maps"), "/proc/self/maps is missing: this test counts a Linux process's memory maps");
        return File.ReadLines("/proc/self/maps").Count(line => line.Contains("/memfd:/dotnet_", StringComparison.Ordinal));
    }

    /// <summary>The real file with its metadata's "database_type" key renamed, so the field is missing but every offset stays.</summary>
    private static byte[] WithoutDatabaseType(byte[] file, int markerAt)
    {
        var copy = (byte[])file.Clone();
        var key = "database_type"u8;
        var at = copy.AsSpan(markerAt).IndexOf(key);
        Assert.True(at > 0);
        copy[markerAt + at] = (byte)'X';
        return copy;
    }

    private static async Task FinishesInTime(Task run)
    {
        var finished = await Task.WhenAny(run, Task.Delay(HangLimit)) == run;
        Assert.True(finished, $"corrupted files took longer than {HangLimit.TotalSeconds} s: a loop is not bounded");
        await run;
    }

    /// <summary>Opens the bytes as the gateway would and looks every probe up through the guarded lookups.</summary>
    private static string Exercise(byte[] bytes, IPAddress[] probes, GeoDatabaseRole role)
    {
        var database = GeoDatabaseLoader.TryOpen(bytes, "corrupt.mmdb", role, out var problem);
        if (database is null)
        {
            Assert.Contains("'corrupt.mmdb'", problem, StringComparison.Ordinal);
            return "refused";
        }

        using var live = new ReloadingGeoDatabase(new GeoDatabaseSource("Gateway:GeoIp:CityDatabase", "corrupt.mmdb", role, database), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System, watch: false);
        foreach (var probe in probes)
        {
            live.Place(probe);
        }

        return "opened";
    }
}
