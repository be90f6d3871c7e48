using System.Globalization;
using System.Net;
using MaxMind.Db;
using MfaGateway.TestSupport.Mmdb;

namespace MfaGateway.Tests.TestSupport;

/// <summary>
/// The fixture writer, checked by reading what it wrote with MaxMind's own reader (MaxMind.Db): fixtures
/// that MaxMind reads as intended are what the GeoIP and reputation tests need.
/// </summary>
public sealed class MmdbWriterTests
{
    [Theory]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(32)]
    public void Every_value_type_round_trips_through_a_written_file(int recordSize)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-Types", RecordSize = recordSize });
        writer.Insert("198.51.100.0/24", new Dictionary<string, object>
        {
            ["string"] = "Zürich",
            ["empty"] = string.Empty,
            ["long"] = new string('x', 70_000),
            ["double"] = -33.494,
            ["float"] = 1.5f,
            ["bytes"] = new byte[] { 0, 1, 255 },
            ["uint16"] = (ushort)65_535,
            ["uint32"] = 4_200_000_000u,
            ["uint64"] = ulong.MaxValue,
            ["int32"] = -12_345,
            ["true"] = true,
            ["false"] = false,
            ["array"] = new List<object> { "a", 1u, new Dictionary<string, object> { ["nested"] = "yes" } },
            ["map"] = new Dictionary<string, object> { ["names"] = new Dictionary<string, object> { ["en"] = "Germany" } },
        });

        using var reader = Read(writer.Build());
        var record = reader.Find<Dictionary<string, object>>(IPAddress.Parse("198.51.100.7"), out var prefix)!;

        Assert.Equal(24, prefix);
        Assert.Equal("Zürich", record["string"]);
        Assert.Equal(string.Empty, record["empty"]);
        Assert.Equal(70_000, ((string)record["long"]).Length);
        Assert.Equal(-33.494, record["double"]);
        Assert.Equal(1.5f, record["float"]);
        Assert.Equal(new byte[] { 0, 1, 255 }, record["bytes"]);
        Assert.Equal(65_535L, Number(record["uint16"]));
        Assert.Equal(4_200_000_000L, Number(record["uint32"]));
        Assert.Equal(ulong.MaxValue, Convert.ToUInt64(record["uint64"], CultureInfo.InvariantCulture));
        Assert.Equal(-12_345L, Number(record["int32"]));
        Assert.Equal(true, record["true"]);
        Assert.Equal(false, record["false"]);
        var array = Assert.IsAssignableFrom<System.Collections.IList>(record["array"]);
        Assert.Equal("a", array[0]);
        Assert.Equal("yes", Assert.IsAssignableFrom<IDictionary<string, object>>(array[2])["nested"]);
        var names = Assert.IsAssignableFrom<IDictionary<string, object>>(Assert.IsAssignableFrom<IDictionary<string, object>>(record["map"])["names"]);
        Assert.Equal("Germany", names["en"]);
    }

    [Theory]
    [InlineData(24, 6)]
    [InlineData(28, 6)]
    [InlineData(32, 6)]
    [InlineData(24, 4)]
    [InlineData(28, 4)]
    public void Most_specific_network_wins_and_the_rest_of_the_wider_one_keeps_its_record(int recordSize, int ipVersion)
    {
        using var reader = Read(Risk.Geo.AsnFixture.Build(recordSize, ipVersion));

        Assert.Equal((64_502L, 24), AsnAt(reader, "1.2.3.4"));
        Assert.Equal(64_501L, AsnAt(reader, "1.2.4.1")?.Number);
        Assert.Equal("Example Regional Ünïcode GmbH", reader.Find<Dictionary<string, object>>(IPAddress.Parse("1.2.4.1"))!["autonomous_system_organization"]);

        // 1.2.0.0/16 split 1.0.0.0/8 in the tree; 1.200.0.1 is in the untouched half, 1.128.0.0/9.
        Assert.Equal((64_500L, 9), AsnAt(reader, "1.200.0.1"));
        Assert.Equal(4_200_000_000L, AsnAt(reader, "203.0.113.255")?.Number);
        Assert.Null(AsnAt(reader, "203.0.113.127"));
        Assert.Null(AsnAt(reader, "2.0.0.0"));
        Assert.Equal(ipVersion, reader.Metadata.IPVersion);
        if (ipVersion == 6)
        {
            Assert.Equal((64_511L, 48), AsnAt(reader, "2001:db8:1::9"));
            Assert.Equal(64_510L, AsnAt(reader, "2001:db8:2::9")?.Number);
        }
    }

    [Fact]
    public void A_later_insert_replaces_an_earlier_network_and_everything_inside_it()
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        writer.Insert("10.1.0.0/16", Asn(1));
        writer.Insert("10.0.0.0/8", Asn(2));

        using var reader = Read(writer.Build());

        Assert.Equal((2L, 8), AsnAt(reader, "10.1.2.3"));
    }

    [Fact]
    public void Identical_records_are_written_once()
    {
        var one = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        one.Insert("10.0.0.0/24", Asn(7));
        var many = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        for (var i = 0; i < 200; i++)
        {
            many.Insert($"10.{i}.0.0/24", Asn(7));
        }

        using var reader = Read(many.Build());

        Assert.Equal(one.DataSectionLength, many.DataSectionLength);
        Assert.Equal(7L, AsnAt(reader, "10.199.0.1")?.Number);
    }

    [Fact]
    public void Repeated_strings_become_pointers()
    {
        const string Organization = "A long organisation name, repeated";
        var one = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        one.Insert("10.0.0.0/24", Asn(1, Organization));
        var two = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        two.Insert("10.0.0.0/24", Asn(1, Organization));
        two.Insert("10.0.1.0/24", Asn(2, Organization));

        using var reader = Read(two.Build());

        // The second record is a map of two pointer keys, a uint32 and a pointer: far less than the string alone.
        Assert.True(two.DataSectionLength - one.DataSectionLength < Organization.Length);
        Assert.Equal(Organization, reader.Find<Dictionary<string, object>>(IPAddress.Parse("10.0.1.1"))!["autonomous_system_organization"]);
    }

    [Fact]
    public void An_empty_database_is_valid_and_finds_nothing()
    {
        using var reader = Read(new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" }).Build());

        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("8.8.8.8")));
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Metadata_is_written_as_given()
    {
        var built = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var writer = new MmdbWriter(new MmdbWriterOptions
        {
            DatabaseType = "Acme-ASN",
            Languages = ["en", "de"],
            Description = new Dictionary<string, string> { ["en"] = "Acme networks" },
            BuildTime = built,
        });

        using var reader = Read(writer.Build());
        var metadata = reader.Metadata;

        Assert.Equal("Acme-ASN", metadata.DatabaseType);
        Assert.Equal(["en", "de"], metadata.Languages);
        Assert.Equal("Acme networks", metadata.Description["en"]);
        Assert.Equal(built.UtcDateTime, metadata.BuildDate);
        Assert.Equal(2, metadata.BinaryFormatMajorVersion);
    }

    [Fact]
    public void A_saved_file_opens_from_disk()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mmdb-writer-").FullName, "asn.mmdb");
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        writer.Insert("2001:db8::/32", Asn(9));
        writer.Save(path);

        using var reader = new Reader(path, FileAccessMode.Memory);

        Assert.Equal((9L, 32), AsnAt(reader, "2001:db8::5"));
    }

    [Fact]
    public void IPv6_networks_are_refused_by_an_IPv4_database_and_bad_prefixes_by_any()
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN", IpVersion = 4 });

        Assert.Throws<ArgumentException>(() => writer.Insert("2001:db8::/32", Asn(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Insert(IPAddress.Parse("10.0.0.0"), 33, Asn(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MmdbWriter(new MmdbWriterOptions { DatabaseType = "x", RecordSize = 30 }));
    }

    private static Reader Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return new Reader(stream);
    }

    private static (long Number, int Prefix)? AsnAt(Reader reader, string address)
    {
        var record = reader.Find<Dictionary<string, object>>(IPAddress.Parse(address), out var prefix);
        return record is null ? null : (Number(record["autonomous_system_number"]), prefix);
    }

    private static long Number(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static Dictionary<string, object> Asn(uint number, string organization = "Org") => new()
    {
        ["autonomous_system_number"] = number,
        ["autonomous_system_organization"] = organization,
    };
}
