using MfaGateway.Protocols.Geo;

namespace MfaGateway.Risk.Geo;

/// <summary>Opens a database file and checks it can answer the lookups of its role; used at start-up and on reload.</summary>
public static class GeoDatabaseCheck
{
    /// <summary>Returns the opened database, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static GeoDatabase? TryOpen(string path, GeoDatabaseRole role, out string? problem)
    {
        if (!File.Exists(path))
        {
            problem = $"file '{path}' not found";
            return null;
        }

        GeoDatabase database;
        try
        {
            database = GeoDatabase.Open(path);
        }
        catch (MmdbFormatException exception)
        {
            problem = $"file '{path}' is not a usable MaxMind DB file: {exception.Problem ?? exception.Message}";
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"file '{path}' cannot be read: {exception.Message}";
            return null;
        }

        var fits = role switch
        {
            GeoDatabaseRole.City => database.HasCityRecords,
            GeoDatabaseRole.Country => database.HasCountryRecords,
            _ => database.HasAsnRecords,
        };
        problem = fits ? null : $"database type '{database.DatabaseType}' in '{path}' cannot answer {role} lookups";
        return fits ? database : null;
    }
}
