using System.Net;
using MfaGateway.Protocols.Geo;
using MfaGateway.Protocols.Geo.Writing;

namespace MfaGateway.Protocols.Tests.Geo;

/// <summary>
/// Truncated, corrupted and mislabelled files end in <see cref="MmdbFormatException"/> with a message naming
/// the file and the problem: never another exception, never a hang.
/// </summary>
public sealed class MmdbCorruptionTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_file_cut_anywhere_is_refused_at_open_with_a_clear_message()
    {
        var whole = CityFixture.Build();
        var markerAt = whole.AsSpan().LastIndexOf(MmdbMetadataReader.MarkerBytes);
        int[] cuts = [0, 1, 15, whole.Length / 3, whole.Length / 2, markerAt - 1, markerAt + 5, markerAt + 14, markerAt + 40, whole.Length - 1];

        foreach (var cut in cuts)
        {
            var exception = Assert.Throws<MmdbFormatException>(() => MmdbReader.FromBytes(whole[..cut], "cut.mmdb"));
            Assert.StartsWith("MaxMind DB 'cut.mmdb': ", exception.Message, StringComparison.Ordinal);
        }

        var beforeMarker = Assert.Throws<MmdbFormatException>(() => MmdbReader.FromBytes(whole[..(whole.Length / 2)], "cut.mmdb"));
        Assert.Equal("MaxMind DB 'cut.mmdb': metadata marker not found — not a MaxMind DB file or truncated", beforeMarker.Message);
    }

    [Fact]
    public void The_real_Country_file_cut_short_is_refused()
    {
        var whole = File.ReadAllBytes(GeoLite2Files.Country);

        foreach (var cut in new[] { 100, whole.Length / 2, whole.Length - 300, whole.Length - 50, whole.Length - 3 })
        {
            var exception = Assert.Throws<MmdbFormatException>(() => MmdbReader.FromBytes(whole[..cut], "GeoLite2-Country.mmdb"));
            Assert.Contains("'GeoLite2-Country.mmdb'", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_data_section_missing_its_end_fails_lookups_that_point_past_it()
    {
        // Keeps the tree and the metadata but drops the last records: the tree now points beyond the data.
        var whole = CityFixture.Build();
        var markerAt = whole.AsSpan().LastIndexOf(MmdbMetadataReader.MarkerBytes);
        var shortened = whole[..(markerAt - 300)].Concat(whole[markerAt..]).ToArray();
        var database = new GeoDatabase(MmdbReader.FromBytes(shortened, "short.mmdb"));

        var failures = 0;
        foreach (var probe in CityFixture.Probes())
        {
            try
            {
                database.City(IPAddress.Parse(probe));
            }
            catch (MmdbFormatException exception)
            {
                failures++;
                Assert.Contains("'short.mmdb'", exception.Message, StringComparison.Ordinal);
            }
        }

        Assert.True(failures > 0);
    }

    [Fact]
    public async Task Random_byte_corruption_gives_only_MmdbFormatException()
    {
        var pristine = CityFixture.Build();
        var probes = CityFixture.Probes().Append("8.8.8.8").Append("::1").Select(IPAddress.Parse).ToArray();
        var random = new Random(424_242);
        var outcomes = new Dictionary<string, int>();

        var run = Task.Run(() =>
        {
            for (var iteration = 0; iteration < 3_000; iteration++)
            {
                var bytes = (byte[])pristine.Clone();
                var flips = random.Next(1, 6);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                var outcome = Exercise(bytes, probes);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });

        await FinishesInTime(run);
        Assert.True(outcomes.GetValueOrDefault("format error") > 100, string.Join(", ", outcomes));
    }

    [Fact]
    public async Task Random_corruption_of_the_real_Country_file_gives_only_MmdbFormatException()
    {
        var bytes = File.ReadAllBytes(GeoLite2Files.Country);
        var probes = Enumerable.Range(0, 200).Select(i => new IPAddress((uint)(i * 2_654_435_761u))).ToArray();
        var random = new Random(99);

        var run = Task.Run(() =>
        {
            for (var iteration = 0; iteration < 300; iteration++)
            {
                // Corrupts in place and restores afterwards: copying 4 MB per iteration would dominate the test.
                var positions = Enumerable.Range(0, random.Next(1, 50)).Select(_ => random.Next(bytes.Length)).ToArray();
                var saved = positions.Select(p => bytes[p]).ToArray();
                foreach (var position in positions)
                {
                    bytes[position] = (byte)random.Next(256);
                }

                Exercise(bytes, probes);
                for (var i = positions.Length - 1; i >= 0; i--)
                {
                    bytes[positions[i]] = saved[i];
                }
            }
        });

        await FinishesInTime(run);
    }

    public static TheoryData<string, object?, string> BadMetadata => new()
    {
        { "binary_format_major_version", (ushort)3, "binary_format_major_version is 3; only version 2 is supported" },
        { "record_size", (ushort)30, "record_size is 30; it must be 24, 28 or 32" },
        { "ip_version", (ushort)5, "ip_version is 5; it must be 4 or 6" },
        { "node_count", 0u, "node_count 0 is impossible for 28-bit records" },
        { "node_count", 1u << 29, "is impossible for 28-bit records" },
        { "node_count", 100_000u, "does not fit before the metadata" },
        { "node_count", null, "metadata field node_count is missing or not an unsigned integer" },
        { "database_type", null, "database_type is missing or not a string" },
        { "database_type", 7u, "database_type is missing or not a string" },
        { "record_size", "28", "metadata field record_size is missing or not an unsigned integer" },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public void Wrong_metadata_is_refused_with_the_field_named(string field, object? value, string message)
    {
        var bytes = WithMetadata(metadata =>
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

        var exception = Assert.Throws<MmdbFormatException>(() => MmdbReader.FromBytes(bytes, "bad.mmdb"));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("MaxMind DB 'bad.mmdb': ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_count_one_off_is_caught_by_the_zero_separator()
    {
        var nodeCount = MmdbReader.FromBytes(CityFixture.Build()).Metadata.NodeCount;
        var bytes = WithMetadata(metadata => metadata["node_count"] = (uint)(nodeCount - 1));

        var exception = Assert.Throws<MmdbFormatException>(() => MmdbReader.FromBytes(bytes, "bad.mmdb"));

        Assert.Contains("are not zero", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_is_not_a_MaxMind_DB_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mmdb-text-").FullName, "notes.txt");
        File.WriteAllText(path, "not a database");

        var exception = Assert.Throws<MmdbFormatException>(() => MmdbReader.Open(path));

        Assert.Equal($"MaxMind DB '{path}': metadata marker not found — not a MaxMind DB file or truncated", exception.Message);
    }

    private static async Task FinishesInTime(Task run)
    {
        var finished = await Task.WhenAny(run, Task.Delay(HangLimit)) == run;
        Assert.True(finished, $"corrupted files took longer than {HangLimit.TotalSeconds} s: a loop is not bounded");
        await run;
    }

    private static string Exercise(byte[] bytes, IPAddress[] probes)
    {
        try
        {
            var database = new GeoDatabase(MmdbReader.FromBytes(bytes, "corrupt.mmdb"), cacheSize: 16);
            foreach (var probe in probes)
            {
                database.City(probe);
                database.Country(probe);
                database.Asn(probe);
                database.Reader.Find(probe, out _);
            }

            return "no error detected";
        }
        catch (MmdbFormatException exception)
        {
            Assert.StartsWith("MaxMind DB 'corrupt.mmdb': ", exception.Message, StringComparison.Ordinal);
            return "format error";
        }
    }

    /// <summary>A valid City fixture whose metadata map is rewritten by <paramref name="change"/>.</summary>
    private static byte[] WithMetadata(Action<Dictionary<string, object>> change)
    {
        var whole = CityFixture.Build();
        var metadataAt = whole.AsSpan().LastIndexOf(MmdbMetadataReader.MarkerBytes) + MmdbMetadataReader.MarkerBytes.Length;
        var decoder = new MmdbDecoder(whole, metadataAt, whole.Length - metadataAt, "fixture", "metadata");
        var metadata = (Dictionary<string, object>)decoder.Decode(0);
        change(metadata);

        var encoded = new MmdbDataWriter(deduplicate: false);
        encoded.Write(metadata);
        return [.. whole[..metadataAt], .. encoded.ToArray()];
    }
}
