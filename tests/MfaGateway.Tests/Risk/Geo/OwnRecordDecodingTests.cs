using System.Net;
using MaxMind.Db;
using MaxMind.GeoIP2.Responses;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>
/// The gateway decodes records into small types of its own (<see cref="CityRecord"/>, <see cref="AsnRecord"/>,
/// <see cref="AnonymousIpRecord"/>) instead of MaxMind's full responses. Every lookup here is also decoded the
/// way the gateway did before, into MaxMind's CityResponse, AsnResponse and AnonymousIPResponse with the
/// injected address and "en" locale, and both must give the same place, flags and network.
/// </summary>
public sealed class OwnRecordDecodingTests
{
    private static readonly IReadOnlyList<string> English = ["en"];

    [Fact]
    public void City_records_decode_as_MaxMinds_CityResponse_does()
    {
        var compared = CompareCity(GeoLite2Files.City, GeoDatabaseRole.City, RandomAddresses(seed: 11, count: 3_000));

        Assert.True(compared > 2_000, $"only {compared} addresses resolved; the sample says little");
    }

    [Fact]
    public void Country_records_decode_as_MaxMinds_CityResponse_does()
    {
        var compared = CompareCity(GeoLite2Files.Country, GeoDatabaseRole.Country, RandomAddresses(seed: 12, count: 2_000));

        Assert.True(compared > 1_300, $"only {compared} addresses resolved; the sample says little");
    }

    [Fact]
    public void Asn_records_decode_as_MaxMinds_AsnResponse_does()
    {
        var bytes = AsnFixture.Build();
        var database = Open(bytes, GeoDatabaseRole.Asn);
        using var reference = new Reader(new MemoryStream(bytes, writable: false));
        string[] probes = ["1.0.0.1", "1.2.0.1", "1.2.3.4", "81.2.69.142", "203.0.113.200", "203.0.113.1", "8.8.8.8", "2001:db8::1", "2001:db8:1::1", "2a02:1237:ffff::1", "::1"];

        foreach (var probe in probes)
        {
            var address = IPAddress.Parse(probe);
            var expected = reference.Find<AsnResponse>(address, out var expectedPrefix, Injectables(address));
            var place = GeoRecords.Place(database.Find<AsnRecord>(address, out var prefix));

            Assert.Equal(Expected(expected), place);
            Assert.Equal(expectedPrefix, prefix);
        }
    }

    [Fact]
    public void Anonymous_IP_records_decode_as_MaxMinds_AnonymousIPResponse_does()
    {
        var bytes = GeoTestDatabases.AnonymousIp(
            ("45.33.0.0/16", ["is_anonymous_vpn"]),
            ("185.220.101.0/24", ["is_hosting_provider", "is_tor_exit_node"]),
            ("91.198.0.0/16", ["is_public_proxy", "is_residential_proxy"]),
            ("2a0b:f4c2::/32", ["is_tor_exit_node", "is_anonymous_vpn", "is_hosting_provider", "is_public_proxy", "is_residential_proxy"]),
            ("198.51.100.0/24", []));
        var database = Open(bytes, GeoDatabaseRole.AnonymousIp);
        using var reference = new Reader(new MemoryStream(bytes, writable: false));
        string[] probes = ["45.33.1.1", "185.220.101.7", "91.198.4.4", "8.8.8.8", "2a0b:f4c2::1", "2a0b:f4c3::1", "198.51.100.1"];

        foreach (var probe in probes)
        {
            var address = IPAddress.Parse(probe);
            var expected = reference.Find<AnonymousIPResponse>(address, Injectables(address));

            Assert.Equal(Expected(expected), GeoRecords.Flags(database.Find<AnonymousIpRecord>(address)));
        }
    }

    private static int CompareCity(string path, GeoDatabaseRole role, IReadOnlyList<IPAddress> addresses)
    {
        var database = GeoLite2Files.Open(path, role);
        using var reference = new Reader(path, FileAccessMode.Memory);
        var compared = 0;
        foreach (var address in addresses)
        {
            var expected = reference.Find<CityResponse>(address, out var expectedPrefix, Injectables(address));
            var place = GeoRecords.Place(database.Find<CityRecord>(address, out var prefix));

            Assert.True(Expected(expected) == place, $"{address}: {place} where MaxMind's response gives {Expected(expected)}");
            Assert.Equal(expectedPrefix, prefix);
            compared += place is null ? 0 : 1;
        }

        database.Retire();
        return compared;
    }

    // The mapping the gateway used on MaxMind's responses, kept here as the reference.
    private static GeoPlace? Expected(CityResponse? record) => record is null
        ? null
        : new GeoPlace(record.Country.IsoCode, record.Country.Name, record.City.Name, record.Location.Latitude, record.Location.Longitude, record.Location.AccuracyRadius, null, null);

    private static GeoPlace? Expected(AsnResponse? record) => record?.AutonomousSystemNumber is not { } number
        ? null
        : new GeoPlace(null, null, null, null, null, null, number is >= 0 and <= uint.MaxValue ? (uint)number : null, record.AutonomousSystemOrganization);

    private static AnonymousIpFlags Expected(AnonymousIPResponse? record) => record is null
        ? AnonymousIpFlags.None
        : (record.IsAnonymousVpn ? AnonymousIpFlags.Vpn : 0)
            | (record.IsHostingProvider ? AnonymousIpFlags.HostingProvider : 0)
            | (record.IsTorExitNode ? AnonymousIpFlags.TorExitNode : 0)
            | (record.IsPublicProxy ? AnonymousIpFlags.PublicProxy : 0)
            | (record.IsResidentialProxy ? AnonymousIpFlags.ResidentialProxy : 0);

    private static InjectableValues Injectables(IPAddress address)
    {
        var injectables = new InjectableValues();
        injectables.AddValue("ip_address", address.ToString());
        injectables.AddValue("locales", English);
        return injectables;
    }

    private static GeoDatabase Open(byte[] bytes, GeoDatabaseRole role)
    {
        var database = GeoDatabaseLoader.TryOpen(bytes, "fixture.mmdb", role, out var problem);
        Assert.True(database is not null, problem);
        return database;
    }

    // Spread over the whole IPv4 space, and one in six IPv6 in Google's and RIPE's ranges, with a fixed seed.
    private static List<IPAddress> RandomAddresses(int seed, int count)
    {
        var random = new Random(seed);
        var addresses = new List<IPAddress>(count);
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            if (i % 6 == 5)
            {
                random.NextBytes(bytes);
                bytes[0] = 0x2a;
                bytes[1] = 0x00;
                bytes[2] = (byte)(i % 2 == 0 ? 0x14 : 0x01);
                bytes[3] = (byte)(i % 2 == 0 ? 0x50 : 0x2e);
                addresses.Add(new IPAddress(bytes));
            }
            else
            {
                addresses.Add(new IPAddress((uint)random.NextInt64(0, 1L << 32)));
            }
        }

        return addresses;
    }
}
