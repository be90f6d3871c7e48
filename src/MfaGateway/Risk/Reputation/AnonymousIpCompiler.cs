using MfaGateway.Risk.Geo;

namespace MfaGateway.Risk.Reputation;

/// <summary>Validates "Gateway:IpReputation:AnonymousIp" and opens its database, listing every problem with its key.</summary>
public static class AnonymousIpCompiler
{
    private const string Key = IpReputationOptions.SectionName + ":AnonymousIp";

    /// <param name="warnings">Receives the database's problems when the section is Optional (else they are errors).</param>
    /// <returns>The settings; null when not configured, when <paramref name="errors"/> gained an entry, or when an optional database is unusable.</returns>
    public static AnonymousIpSettings? Compile(AnonymousIpOptions? options, string baseDirectory, ICollection<string> errors, ICollection<string>? warnings = null)
    {
        if (options is null)
        {
            return null;
        }

        var before = errors.Count;
        var counted = CompileFlags(options.Flags, errors);
        GeoDatabaseSource? source = null;
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            errors.Add($"{Key}:Database: required (the path of a GeoIP2-Anonymous-IP .mmdb file)");
        }
        else
        {
            var path = Path.GetFullPath(options.Database.Trim(), baseDirectory);
            var database = GeoDatabaseLoader.TryOpen(path, GeoDatabaseRole.AnonymousIp, out var problem, out _);
            if (database is null)
            {
                (options.Optional && warnings is not null ? warnings : errors).Add($"{Key}:Database: {problem}");
            }
            else
            {
                source = new GeoDatabaseSource($"{Key}:Database", path, GeoDatabaseRole.AnonymousIp, database);
            }
        }

        if (errors.Count > before || source is null)
        {
            source?.Database.Retire();
            return null;
        }

        return new AnonymousIpSettings(source, counted);
    }

    private static AnonymousIpFlags CompileFlags(List<string>? flags, ICollection<string> errors)
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
                errors.Add($"{Key}:Flags:{i}: unknown flag '{flags[i]}' (Vpn, HostingProvider, TorExitNode, PublicProxy or ResidentialProxy)");
            }
        }

        return counted;
    }
}
