namespace MfaGateway.Risk.Geo;

/// <summary>
/// Validates the "Gateway:GeoIp" section and opens its databases, listing every problem at once. With
/// <see cref="GeoIpOptions.Optional"/> the problems are warnings and the affected signals are off.
/// </summary>
public static class GeoIpSettingsCompiler
{
    /// <param name="options">The bound section.</param>
    /// <param name="baseDirectory">Relative database paths are resolved against this directory.</param>
    /// <param name="errors">Receives problems that must stop start-up (none when Optional is true).</param>
    /// <param name="warnings">Receives problems the gateway starts despite, and ignored settings.</param>
    public static GeoIpSettings Compile(GeoIpOptions options, string baseDirectory, ICollection<string> errors, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var problems = options.Optional ? warnings : errors;
        var key = GeoIpOptions.SectionName;

        GeoDatabaseSource? location;
        if (!string.IsNullOrWhiteSpace(options.CityDatabase))
        {
            location = Open($"{key}:CityDatabase", options.CityDatabase, GeoDatabaseRole.City, baseDirectory, problems);
            if (!string.IsNullOrWhiteSpace(options.CountryDatabase))
            {
                warnings.Add($"{key}:CountryDatabase: ignored, because CityDatabase is set and answers Country lookups too");
            }
        }
        else
        {
            location = string.IsNullOrWhiteSpace(options.CountryDatabase)
                ? null
                : Open($"{key}:CountryDatabase", options.CountryDatabase, GeoDatabaseRole.Country, baseDirectory, problems);
        }

        var asn = string.IsNullOrWhiteSpace(options.AsnDatabase)
            ? null
            : Open($"{key}:AsnDatabase", options.AsnDatabase, GeoDatabaseRole.Asn, baseDirectory, problems);

        return new GeoIpSettings { Location = location, Asn = asn };
    }

    private static GeoDatabaseSource? Open(string configKey, string configured, GeoDatabaseRole role, string baseDirectory, ICollection<string> problems)
    {
        var path = Path.GetFullPath(configured.Trim(), baseDirectory);
        var database = GeoDatabaseLoader.TryOpen(path, role, out var problem, out _);
        if (database is null)
        {
            problems.Add($"{configKey}: {problem}");
            return null;
        }

        return new GeoDatabaseSource(configKey, path, role, database);
    }
}
