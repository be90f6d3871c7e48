using MfaGateway.TestSupport.Mmdb;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>A writer-built ASN database (no GeoLite2-ASN file is available here) with overlapping networks.</summary>
internal static class AsnFixture
{
    public static readonly (string Network, uint Number, string Organization)[] Networks =
    [
        ("1.0.0.0/8", 64_500, "Example Backbone"),
        ("1.2.0.0/16", 64_501, "Example Regional Ünïcode GmbH"),
        ("1.2.3.0/24", 64_502, "Example Office"),
        ("81.2.69.0/24", 64_503, "Example Hosting"),
        ("203.0.113.128/25", 4_200_000_000, "Private-use 32-bit ASN"),
        ("2001:db8::/32", 64_510, "Example IPv6"),
        ("2001:db8:1::/48", 64_511, "Example IPv6 Office"),
        ("2a02:1234::/29", 64_512, "Example Carrier"),
    ];

    public static byte[] Build(int recordSize = 28, int ipVersion = 6)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions
        {
            DatabaseType = "Test-ASN",
            RecordSize = recordSize,
            IpVersion = ipVersion,
            Description = new Dictionary<string, string> { ["en"] = "MFA Gateway test ASN database" },
        });
        foreach (var (network, number, organization) in Networks)
        {
            if (ipVersion == 4 && network.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            writer.Insert(network, new Dictionary<string, object>
            {
                ["autonomous_system_number"] = number,
                ["autonomous_system_organization"] = organization,
            });
        }

        return writer.Build();
    }
}
