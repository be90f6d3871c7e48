using System.Net;
using System.Text.Json;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>
/// Compares every lookup of the gateway (MaxMind's .NET reader as the loader opens it, read through the
/// gateway's record mapping) with MaxMind's own Node reader (@maxmind/geoip2-node), an independent
/// implementation: a mistake in our use of the .NET reader, or in the writer that builds our fixtures, shows up.
/// </summary>
public sealed class NodeReaderCrossCheckTests
{
    // /32s of large networks on every continent (Google, Hurricane Electric, RIPE, Hetzner, Cloudflare,
    // Facebook, AWS, Telstra, Google Brazil, Africa's Liquid), so random addresses in them mostly resolve.
    private static readonly string[] AllocatedIpv6Prefixes =
    [
        "2a00:1450", "2001:470", "2001:67c", "2a01:4f8", "2400:cb00", "2a03:2880", "2600:1f00", "2001:4860",
        "2403:5800", "2800:3f0", "2c0f:fb50", "2a02:2e0", "2001:41d0", "2a01:e00",
    ];

    [Fact]
    public void City_lookups_match_geoip2_node_for_random_addresses()
    {
        var addresses = RandomAddresses(seed: 20_260_101, ipv4: 1_200, ipv6: 300);
        var database = GeoLite2Files.Open(GeoLite2Files.City, GeoDatabaseRole.City);

        var expected = GeoipNode.Lookup("city", GeoLite2Files.City, addresses);

        var found = 0;
        for (var i = 0; i < addresses.Count; i++)
        {
            var place = GeoRecords.Place(database.Find<CityRecord>(IPAddress.Parse(addresses[i]), out var prefixLength));
            var reference = expected[i];
            Assert.True(reference.GetProperty("found").GetBoolean() == place is not null, $"{addresses[i]}: found differs (geoip2-node: {reference})");
            if (place is null)
            {
                continue;
            }

            found++;
            var because = $"{addresses[i]} (geoip2-node: {reference})";
            Assert.True(Text(reference, "countryCode") == place.CountryCode, because);
            Assert.True(Text(reference, "countryName") == place.CountryName, because);
            Assert.True(Text(reference, "city") == place.City, because);
            Assert.True(Number(reference, "latitude") == place.Latitude, because);
            Assert.True(Number(reference, "longitude") == place.Longitude, because);
            Assert.True(Number(reference, "accuracyRadius") == place.AccuracyRadiusKm, because);
            Assert.True(Number(reference, "prefixLength") == prefixLength, because);
        }

        Assert.True(found > addresses.Count * 7 / 10, $"only {found} of {addresses.Count} addresses resolved; the sample says little");
    }

    [Fact]
    public void Country_lookups_match_geoip2_node_for_random_addresses()
    {
        var addresses = RandomAddresses(seed: 7, ipv4: 800, ipv6: 200);
        var database = GeoLite2Files.Open(GeoLite2Files.Country, GeoDatabaseRole.Country);

        var expected = GeoipNode.Lookup("country", GeoLite2Files.Country, addresses);

        for (var i = 0; i < addresses.Count; i++)
        {
            var place = GeoRecords.Place(database.Find<CityRecord>(IPAddress.Parse(addresses[i]), out var prefixLength));
            var reference = expected[i];
            var because = $"{addresses[i]} (geoip2-node: {reference})";
            Assert.True(reference.GetProperty("found").GetBoolean() == place is not null, because);
            if (place is not null)
            {
                Assert.True(Text(reference, "countryCode") == place.CountryCode, because);
                Assert.True(Text(reference, "countryName") == place.CountryName, because);
                Assert.True(Number(reference, "prefixLength") == prefixLength, because);
            }
        }
    }

    [Theory]
    [InlineData(24, 6)]
    [InlineData(28, 6)]
    [InlineData(32, 6)]
    [InlineData(24, 4)]
    [InlineData(32, 4)]
    public void Asn_lookups_in_a_writer_built_file_match_geoip2_node(int recordSize, int ipVersion)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mmdb-asn-").FullName, "asn.mmdb");
        File.WriteAllBytes(file, AsnFixture.Build(recordSize, ipVersion));
        var database = GeoLite2Files.Open(file, GeoDatabaseRole.Asn);
        string[] probes =
        [
            "1.0.0.1", "1.2.0.1", "1.2.3.4", "1.2.4.0", "1.255.255.255", "2.0.0.0", "81.2.69.142", "81.2.70.1",
            "203.0.113.200", "203.0.113.1", "0.0.0.0", "255.255.255.255",
            .. ipVersion == 6 ? new[] { "2001:db8::1", "2001:db8:1::1", "2001:db8:2::1", "2a02:1234::1", "2a02:1237:ffff::1", "2a02:1238::1", "::1" } : [],
        ];

        var expected = GeoipNode.Lookup("asn", file, probes);

        for (var i = 0; i < probes.Length; i++)
        {
            var place = GeoRecords.Place(database.Find<AsnRecord>(IPAddress.Parse(probes[i]), out var prefixLength));
            var reference = expected[i];
            var because = $"{probes[i]} (geoip2-node: {reference})";
            Assert.True(reference.GetProperty("found").GetBoolean() == place is not null, because);
            if (place is not null)
            {
                Assert.True(Number(reference, "asn") == place.Asn, because);
                Assert.True(Text(reference, "organization") == place.AsnOrganization, because);
                Assert.True(Number(reference, "prefixLength") == prefixLength, because);
            }
        }
    }

    [Fact]
    public void Anonymous_IP_flags_in_a_writer_built_file_match_geoip2_node()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mmdb-anonymous-").FullName, "anonymous.mmdb");
        File.WriteAllBytes(file, GeoTestDatabases.AnonymousIp(
            ("45.33.0.0/16", ["is_anonymous_vpn"]),
            ("185.220.101.0/24", ["is_hosting_provider", "is_tor_exit_node"]),
            ("91.198.0.0/16", ["is_public_proxy", "is_residential_proxy"]),
            ("2a0b:f4c2::/32", ["is_tor_exit_node"])));
        var database = GeoLite2Files.Open(file, GeoDatabaseRole.AnonymousIp);
        string[] probes = ["45.33.1.1", "185.220.101.7", "91.198.4.4", "8.8.8.8", "2a0b:f4c2::1", "2a0b:f4c3::1"];

        var expected = GeoipNode.Lookup("anonymousIP", file, probes);

        for (var i = 0; i < probes.Length; i++)
        {
            var flags = GeoRecords.Flags(database.Find<AnonymousIpRecord>(IPAddress.Parse(probes[i])));
            var reference = expected[i];
            var because = $"{probes[i]} (geoip2-node: {reference})";
            Assert.True(reference.GetProperty("found").GetBoolean() == (flags != AnonymousIpFlags.None), because);
            if (reference.GetProperty("found").GetBoolean())
            {
                Assert.True(reference.GetProperty("vpn").GetBoolean() == flags.HasFlag(AnonymousIpFlags.Vpn), because);
                Assert.True(reference.GetProperty("hostingProvider").GetBoolean() == flags.HasFlag(AnonymousIpFlags.HostingProvider), because);
                Assert.True(reference.GetProperty("torExitNode").GetBoolean() == flags.HasFlag(AnonymousIpFlags.TorExitNode), because);
                Assert.True(reference.GetProperty("publicProxy").GetBoolean() == flags.HasFlag(AnonymousIpFlags.PublicProxy), because);
                Assert.True(reference.GetProperty("residentialProxy").GetBoolean() == flags.HasFlag(AnonymousIpFlags.ResidentialProxy), because);
            }
        }
    }

    private static List<string> RandomAddresses(int seed, int ipv4, int ipv6)
    {
        var random = new Random(seed);
        var addresses = new List<string>();
        for (var i = 0; i < ipv4; i++)
        {
            addresses.Add(new IPAddress((uint)random.NextInt64(0, 1L << 32)).ToString());
        }

        var bytes = new byte[16];
        for (var i = 0; i < ipv6; i++)
        {
            random.NextBytes(bytes);
            var prefix = IPAddress.Parse(AllocatedIpv6Prefixes[random.Next(AllocatedIpv6Prefixes.Length)] + "::").GetAddressBytes();
            prefix.AsSpan(0, 4).CopyTo(bytes);
            addresses.Add(new IPAddress(bytes).ToString());
        }

        return addresses;
    }

    private static string? Text(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();

    private static double? Number(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetDouble();
}
