using System.Net;
using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// Opens a database file for a role, at start-up and on every reload, so that only a database that
/// answers lookups is ever put in force: the file is read once into memory (what is checked is what is
/// loaded, even while a writer is still at it), its frame is checked (<see cref="MmdbPreflight"/>),
/// MaxMind's reader opens it, and lookups of known addresses are probed. Whatever is refused is disposed;
/// no exception of MaxMind's escapes.
/// </summary>
public static class GeoDatabaseLoader
{
    /// <summary>Public resolvers and registries on several continents, IPv4 and IPv6: present in every real database.</summary>
    private static readonly IPAddress[] Probes =
    [
        IPAddress.Parse("1.1.1.1"),
        IPAddress.Parse("8.8.8.8"),
        IPAddress.Parse("81.2.69.142"),
        IPAddress.Parse("133.11.0.1"),
        IPAddress.Parse("193.0.6.139"),
        IPAddress.Parse("2001:4860:4860::8888"),
        IPAddress.Parse("2a00:1450:4001::1"),
        IPAddress.Parse("2001:67c:2e8:22::c100:68b"),
    ];

    /// <summary>Returns the opened database, or null with <paramref name="problem"/> saying what is wrong.</summary>
    /// <param name="missing">True when the file is not there at all (as opposed to unusable).</param>
    public static GeoDatabase? TryOpen(string path, GeoDatabaseRole role, out string? problem, out bool missing)
    {
        missing = false;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            missing = true;
            problem = $"file '{path}' not found";
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"file '{path}' cannot be read: {exception.Message}";
            return null;
        }

        return TryOpen(bytes, path, role, out problem);
    }

    /// <summary>Opens a database from bytes already read; <paramref name="name"/> names it in problems.</summary>
    public static GeoDatabase? TryOpen(byte[] bytes, string name, GeoDatabaseRole role, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var path = name;
        if (bytes.Length == 0)
        {
            problem = $"file '{path}' is empty (still being written?)";
            return null;
        }

        if (MmdbPreflight.Check(bytes) is { } frameProblem)
        {
            problem = $"file '{path}' is not a usable MaxMind DB file: {frameProblem}";
            return null;
        }

        Reader reader;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            reader = new Reader(stream);
        }
        catch (Exception exception)
        {
            problem = $"file '{path}' is not a usable MaxMind DB file: {exception.Message}";
            return null;
        }

        var database = new GeoDatabase(reader, role);
        if (!Fits(database, role))
        {
            database.Retire();
            problem = $"database type '{database.DatabaseType}' in '{path}' cannot answer {role} lookups";
            return null;
        }

        if (Probe(database, role) is { } lookupProblem)
        {
            database.Retire();
            problem = $"file '{path}' is not a usable MaxMind DB file: {lookupProblem}";
            return null;
        }

        problem = null;
        return database;
    }

    /// <summary>The record shapes MaxMind's database types carry (a City record holds the country too; ISP records hold the ASN).</summary>
    private static bool Fits(GeoDatabase database, GeoDatabaseRole role)
    {
        var type = database.DatabaseType;
        var city = type.Contains("City", StringComparison.Ordinal) || type.Contains("Enterprise", StringComparison.Ordinal);
        return role switch
        {
            GeoDatabaseRole.City => city,
            GeoDatabaseRole.Country => city || type.Contains("Country", StringComparison.Ordinal),
            GeoDatabaseRole.Asn => type.Contains("ASN", StringComparison.Ordinal) || type.Contains("ISP", StringComparison.Ordinal),
            _ => type.Contains("Anonymous-IP", StringComparison.Ordinal),
        };
    }

    /// <summary>Looks the probe addresses up and reads every field the gateway uses; null when all of them worked.</summary>
    private static string? Probe(GeoDatabase database, GeoDatabaseRole role)
    {
        foreach (var address in Probes)
        {
            try
            {
                _ = role switch
                {
                    GeoDatabaseRole.City or GeoDatabaseRole.Country => GeoRecords.Place(database.Find<CityRecord>(address)),
                    GeoDatabaseRole.Asn => GeoRecords.Place(database.Find<AsnRecord>(address)),
                    _ => (object?)GeoRecords.Flags(database.Find<AnonymousIpRecord>(address)),
                };
            }
            catch (Exception exception)
            {
                // Any type at all: MaxMind.Db 5.2.0 throws NullReferenceException for damaged metadata, and
                // ArgumentOutOfRangeException or InvalidDatabaseException for damaged trees and data.
                return $"a lookup of {address} fails ({exception.GetType().Name}: {exception.Message})";
            }
        }

        return null;
    }
}
