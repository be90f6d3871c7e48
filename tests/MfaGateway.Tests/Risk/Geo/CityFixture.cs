using System.Globalization;
using MfaGateway.TestSupport.Mmdb;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>A small writer-built database with GeoIP2-City-shaped records, for corruption tests.</summary>
internal static class CityFixture
{
    /// <param name="changeMetadata">Damages the metadata on purpose (see <see cref="MmdbWriter.Build"/>).</param>
    public static byte[] Build(int recordSize = 28, Action<Dictionary<string, object>>? changeMetadata = null)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-City", RecordSize = recordSize });
        for (var i = 0; i < 64; i++)
        {
            var network = i % 4 == 0
                ? $"2001:db8:{i:x}::/48"
                : $"{10 + i}.{i}.0.0/{16 + (i % 8)}";
            writer.Insert(network, Record(i));
        }

        return writer.Build(changeMetadata);
    }

    public static IEnumerable<string> Probes() =>
        Enumerable.Range(0, 64).Select(i => i % 4 == 0 ? $"2001:db8:{i:x}::1" : $"{10 + i}.{i}.0.1");

    private static Dictionary<string, object> Record(int i)
    {
        var code = ((char)('A' + (i % 26))).ToString() + (char)('A' + (i / 26));
        return new Dictionary<string, object>
        {
            ["city"] = new Dictionary<string, object>
            {
                ["geoname_id"] = (uint)(1000 + i),
                ["names"] = new Dictionary<string, object> { ["de"] = $"Stadt {i}", ["en"] = $"City {i}" },
            },
            ["continent"] = new Dictionary<string, object> { ["code"] = "EU" },
            ["country"] = new Dictionary<string, object>
            {
                ["iso_code"] = code,
                ["names"] = new Dictionary<string, object> { ["en"] = $"Country {code}" },
            },
            ["location"] = new Dictionary<string, object>
            {
                ["accuracy_radius"] = (ushort)(10 * i),
                ["latitude"] = double.Parse($"{i}.25", CultureInfo.InvariantCulture),
                ["longitude"] = -i * 1.5,
                ["time_zone"] = "Europe/Berlin",
            },
            ["subdivisions"] = new List<object>
            {
                new Dictionary<string, object> { ["iso_code"] = "BE", ["names"] = new Dictionary<string, object> { ["en"] = "Berlin" } },
            },
        };
    }
}
