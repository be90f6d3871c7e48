using MfaGateway.TestSupport.Mmdb;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>Small writer-built MaxMind DB files in GeoIP2 record shapes, in a fresh directory per test.</summary>
internal sealed class GeoTestDatabases
{
    public GeoTestDatabases()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mfa-geo-").FullName;
    }

    public string Directory { get; }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>A City database placing <paramref name="networks"/> in one city each.</summary>
    public static byte[] City(params (string Network, string Country, string City)[] networks)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-City" });
        foreach (var (network, country, city) in networks)
        {
            writer.Insert(network, new Dictionary<string, object>
            {
                ["city"] = new Dictionary<string, object> { ["names"] = new Dictionary<string, object> { ["en"] = city } },
                ["country"] = new Dictionary<string, object>
                {
                    ["iso_code"] = country,
                    ["names"] = new Dictionary<string, object> { ["en"] = $"Country {country}" },
                },
                ["location"] = new Dictionary<string, object>
                {
                    ["accuracy_radius"] = (ushort)20,
                    ["latitude"] = 52.5,
                    ["longitude"] = 13.25,
                },
            });
        }

        return writer.Build();
    }

    public static byte[] Country(params (string Network, string Country)[] networks)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-Country" });
        foreach (var (network, country) in networks)
        {
            writer.Insert(network, new Dictionary<string, object>
            {
                ["country"] = new Dictionary<string, object>
                {
                    ["iso_code"] = country,
                    ["names"] = new Dictionary<string, object> { ["en"] = $"Country {country}" },
                },
            });
        }

        return writer.Build();
    }

    public static byte[] Asn(params (string Network, uint Number, string Organization)[] networks)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "Test-ASN" });
        foreach (var (network, number, organization) in networks)
        {
            writer.Insert(network, new Dictionary<string, object>
            {
                ["autonomous_system_number"] = number,
                ["autonomous_system_organization"] = organization,
            });
        }

        return writer.Build();
    }

    /// <summary>
    /// An Anonymous-IP database in the shape of MaxMind's GeoIP2-Anonymous-IP (its database_type, which
    /// MaxMind's readers check): each network carries the flags given, and is_anonymous when any is set.
    /// </summary>
    public static byte[] AnonymousIp(params (string Network, string[] Flags)[] networks)
    {
        var writer = new MmdbWriter(new MmdbWriterOptions { DatabaseType = "GeoIP2-Anonymous-IP" });
        foreach (var (network, flags) in networks)
        {
            var record = new Dictionary<string, object>();
            foreach (var flag in flags)
            {
                record[flag] = true;
            }

            if (flags.Length > 0)
            {
                record["is_anonymous"] = true;
            }

            writer.Insert(network, record);
        }

        return writer.Build();
    }

    public string Write(string name, byte[] bytes)
    {
        var path = Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Replaces a file the way careful tools do: write beside it, then rename over it.</summary>
    public void Replace(string name, byte[] bytes)
    {
        var temporary = Path(name + ".new");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, Path(name), overwrite: true);
    }
}
