namespace MfaGateway.Risk.Geo;

/// <summary>A database file that passed validation, opened, with where it came from in the config.</summary>
/// <param name="ConfigKey">e.g. "Gateway:GeoIp:CityDatabase", for log messages.</param>
/// <param name="Path">Absolute path, watched for replacement.</param>
/// <param name="Role">The lookups it answers.</param>
/// <param name="Database">The database as opened by the validation step, so it is read once at start-up.</param>
public sealed record GeoDatabaseSource(string ConfigKey, string Path, GeoDatabaseRole Role, GeoDatabase Database);
