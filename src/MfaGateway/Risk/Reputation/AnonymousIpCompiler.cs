using MfaGateway.Risk.Geo;
using MfaGateway.Validation;

namespace MfaGateway.Risk.Reputation;

/// <summary>Validates "Gateway:IpReputation:AnonymousIp" and opens its database, listing every problem with its key.</summary>
public static class AnonymousIpCompiler
{
    private const string Key = IpReputationOptions.SectionName + ":AnonymousIp";

    /// <param name="errors">Receives errors, and the database's problems as warnings when the section is Optional.</param>
    /// <returns>The settings; null when not configured, when <paramref name="errors"/> gained an error, or when an optional database is unusable.</returns>
    public static AnonymousIpSettings? Compile(AnonymousIpOptions? options, string baseDirectory, ICollection<ConfigError> errors)
    {
        if (options is null)
        {
            return null;
        }

        var before = errors.ErrorCount();
        var counted = CompileFlags(options.Flags, errors);
        GeoDatabaseSource? source = null;
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            errors.Add($"{Key}:Database", "required (the path of a GeoIP2-Anonymous-IP .mmdb file)");
        }
        else
        {
            var path = Path.GetFullPath(options.Database.Trim(), baseDirectory);
            var database = GeoDatabaseLoader.TryOpen(path, GeoDatabaseRole.AnonymousIp, out var problem, out _);
            if (database is null)
            {
                errors.Add(new ConfigError($"{Key}:Database", problem ?? "unusable", options.Optional ? ConfigSeverity.Warning : ConfigSeverity.Error));
            }
            else
            {
                source = new GeoDatabaseSource($"{Key}:Database", path, GeoDatabaseRole.AnonymousIp, database);
            }
        }

        if (errors.ErrorCount() > before || source is null)
        {
            source?.Database.Retire();
            return null;
        }

        return new AnonymousIpSettings(source, counted);
    }

    private static AnonymousIpFlags CompileFlags(List<string>? flags, ICollection<ConfigError> errors)
    {
        if (flags is null)
        {
            return AnonymousIpSettings.DefaultFlags;
        }

        var counted = AnonymousIpFlags.None;
        for (var i = 0; i < flags.Count; i++)
        {
            if (Enum.TryParse<AnonymousIpFlags>(flags[i], ignoreCase: true, out var flag)
                && flag != AnonymousIpFlags.None
                && Enum.IsDefined(flag)
                && !int.TryParse(flags[i], out _))
            {
                counted |= flag;
            }
            else
            {
                errors.Add($"{Key}:Flags:{i}", $"unknown flag '{flags[i]}' (Vpn, HostingProvider, TorExitNode, PublicProxy or ResidentialProxy)");
            }
        }

        return counted;
    }
}
