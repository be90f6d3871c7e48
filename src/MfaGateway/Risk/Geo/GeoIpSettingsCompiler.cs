using MfaGateway.Validation;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// Validates the "Gateway:GeoIp" section and opens its databases, listing every problem at once. With
/// <see cref="GeoIpOptions.Optional"/> the problems are warnings and the affected signals are off.
/// </summary>
public static class GeoIpSettingsCompiler
{
    /// <param name="options">The bound section.</param>
    /// <param name="baseDirectory">Relative database paths are resolved against this directory.</param>
    /// <param name="errors">
    /// Receives problems that must stop start-up (none when Optional is true), and as warnings the
    /// problems the gateway starts despite and the settings it ignores.
    /// </param>
    public static GeoIpSettings Compile(GeoIpOptions options, string baseDirectory, ICollection<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var severity = options.Optional ? ConfigSeverity.Warning : ConfigSeverity.Error;
        var key = GeoIpOptions.SectionName;

        GeoDatabaseSource? location;
        if (!string.IsNullOrWhiteSpace(options.CityDatabase))
        {
            location = Open($"{key}:CityDatabase", options.CityDatabase, GeoDatabaseRole.City, baseDirectory, severity, errors);
            if (!string.IsNullOrWhiteSpace(options.CountryDatabase))
            {
                errors.AddWarning($"{key}:CountryDatabase", "ignored, because CityDatabase is set and answers Country lookups too");
            }
        }
        else
        {
            location = string.IsNullOrWhiteSpace(options.CountryDatabase)
                ? null
                : Open($"{key}:CountryDatabase", options.CountryDatabase, GeoDatabaseRole.Country, baseDirectory, severity, errors);
        }

        var asn = string.IsNullOrWhiteSpace(options.AsnDatabase)
            ? null
            : Open($"{key}:AsnDatabase", options.AsnDatabase, GeoDatabaseRole.Asn, baseDirectory, severity, errors);

        return new GeoIpSettings { Location = location, Asn = asn };
    }

    private static GeoDatabaseSource? Open(string configKey, string configured, GeoDatabaseRole role, string baseDirectory, ConfigSeverity severity, ICollection<ConfigError> errors)
    {
        var path = Path.GetFullPath(configured.Trim(), baseDirectory);
        var database = GeoDatabaseLoader.TryOpen(path, role, out var problem, out _);
        if (database is null)
        {
            errors.Add(new ConfigError(configKey, problem!, severity));
            return null;
        }

        return new GeoDatabaseSource(configKey, path, role, database);
    }
}
