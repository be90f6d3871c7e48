using System.Net;
using MfaGateway.Protocols.Geo;
using MfaGateway.Protocols.Geo.Writing;

namespace MfaGateway.Protocols.Tests.Geo;

public sealed class MmdbWriterTests
{
    [Theory]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(32)]
    public void Every_value_type_round_trips_through_a_written_file(int recordSize)
    {
        var record = new Dictionary<string, object>
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
            ["uint128"] = UInt128.MaxValue - 5,
            ["int32"] = -12_345,
            ["positive int32"] = 7,
            ["true"] = true,
            ["false"] = false,
            ["array"] = new List<object> { "a", 1u, new Dictionary<string, object> { ["nested"] = "yes" } },
            ["map"] = new Dictionary<string, object> { ["names"] = new Dictionary<string, object> { ["en"] = "Germany" } },
        };
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-Types", RecordSize = recordSize });
        writer.Insert("198.51.100.0/24", record);

        var reader = MmdbReader.FromBytes(writer.Build());

        Assert.Equal(record, reader.Find(IPAddress.Parse("198.51.100.7"), out var prefix));
        Assert.Equal(24, prefix);
        Assert.Equal(recordSize, reader.Metadata.RecordSize);
    }

    [Theory]
    [InlineData(24, 6)]
    [InlineData(28, 6)]
    [InlineData(32, 6)]
    [InlineData(24, 4)]
    [InlineData(28, 4)]
    public void Most_specific_network_wins_and_the_rest_of_the_wider_one_keeps_its_record(int recordSize, int ipVersion)
    {
        var database = new GeoDatabase(MmdbReader.FromBytes(AsnFixture.Build(recordSize, ipVersion)));

        Assert.Equal(new GeoAsn(64_502, "Example Office"), database.Asn(IPAddress.Parse("1.2.3.4"))!.Value.Record);
        Assert.Equal(24, database.Asn(IPAddress.Parse("1.2.3.4"))!.Value.PrefixLength);
        Assert.Equal(new GeoAsn(64_501, "Example Regional Ünïcode GmbH"), database.Asn(IPAddress.Parse("1.2.4.1"))!.Value.Record);
        Assert.Equal(64_500u, database.Asn(IPAddress.Parse("1.200.0.1"))!.Value.Record.Number);
        // 1.2.0.0/16 split 1.0.0.0/8 in the tree; 1.200.0.1 is in the untouched half, 1.128.0.0/9.
        Assert.Equal(9, database.Asn(IPAddress.Parse("1.200.0.1"))!.Value.PrefixLength);
        Assert.Equal(4_200_000_000u, database.Asn(IPAddress.Parse("203.0.113.255"))!.Value.Record.Number);
        Assert.Null(database.Asn(IPAddress.Parse("203.0.113.127")));
        Assert.Null(database.Asn(IPAddress.Parse("2.0.0.0")));
        Assert.Equal(ipVersion, database.Reader.Metadata.IpVersion);
        if (ipVersion == 6)
        {
            Assert.Equal(64_511u, database.Asn(IPAddress.Parse("2001:db8:1::9"))!.Value.Record.Number);
            Assert.Equal(48, database.Asn(IPAddress.Parse("2001:db8:1::9"))!.Value.PrefixLength);
            Assert.Equal(64_510u, database.Asn(IPAddress.Parse("2001:db8:2::9"))!.Value.Record.Number);
        }
        else
        {
            Assert.Null(database.Asn(IPAddress.Parse("2001:db8:1::9")));
        }
    }

    [Fact]
    public void A_later_insert_replaces_an_earlier_network_and_everything_inside_it()
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        writer.Insert("10.1.0.0/16", Asn(1));
        writer.Insert("10.0.0.0/8", Asn(2));

        var database = new GeoDatabase(MmdbReader.FromBytes(writer.Build()));

        Assert.Equal(2u, database.Asn(IPAddress.Parse("10.1.2.3"))!.Value.Record.Number);
        Assert.Equal(8, database.Asn(IPAddress.Parse("10.1.2.3"))!.Value.PrefixLength);
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

        var oneSize = DataSectionSize(MmdbReader.FromBytes(one.Build()));
        var manySize = DataSectionSize(MmdbReader.FromBytes(many.Build()));

        Assert.Equal(oneSize, manySize);
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

        var database = new GeoDatabase(MmdbReader.FromBytes(two.Build()));

        // The second record is a map of two pointer keys, a uint32 and a pointer: far less than the string alone.
        Assert.True(DataSectionSize(database.Reader) - DataSectionSize(MmdbReader.FromBytes(one.Build())) < Organization.Length);
        Assert.Equal(Organization, database.Asn(IPAddress.Parse("10.0.1.1"))!.Value.Record.Organization);
    }

    [Fact]
    public void An_empty_database_is_valid_and_finds_nothing()
    {
        var reader = MmdbReader.FromBytes(new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" }).Build());

        Assert.Equal(-1, reader.FindDataOffset(IPAddress.Parse("8.8.8.8"), out _));
        Assert.Equal(-1, reader.FindDataOffset(IPAddress.Parse("2001:db8::1"), out _));
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

        var metadata = MmdbReader.FromBytes(writer.Build()).Metadata;

        Assert.Equal("Acme-ASN", metadata.DatabaseType);
        Assert.Equal(["en", "de"], metadata.Languages);
        Assert.Equal("Acme networks", metadata.Description["en"]);
        Assert.Equal(built, metadata.BuildTime);
        Assert.Equal(2, metadata.BinaryFormatMajorVersion);
    }

    [Fact]
    public void A_saved_file_opens_from_disk()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mmdb-writer-").FullName, "asn.mmdb");
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        writer.Insert("2001:db8::/32", Asn(9));
        writer.Save(path);

        var database = GeoDatabase.Open(path);

        Assert.Equal(9u, database.Asn(IPAddress.Parse("2001:db8::5"))!.Value.Record.Number);
        Assert.Equal(path, database.Reader.Source);
    }

    [Fact]
    public void IPv6_networks_are_refused_by_an_IPv4_database_and_bad_prefixes_by_any()
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN", IpVersion = 4 });

        Assert.Throws<ArgumentException>(() => writer.Insert("2001:db8::/32", Asn(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Insert(IPAddress.Parse("10.0.0.0"), 33, Asn(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MmdbWriter(new MmdbWriterOptions { DatabaseType = "x", RecordSize = 30 }));
    }

    private static Dictionary<string, object> Asn(uint number, string organization = "Org") => new()
    {
        ["autonomous_system_number"] = number,
        ["autonomous_system_organization"] = organization,
    };

    private static int DataSectionSize(MmdbReader reader) => reader.Data.Length;
}
