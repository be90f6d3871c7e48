using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;
using MfaGateway.Validation;

namespace MfaGateway.Risk;

/// <summary>
/// The files risk evaluation reads (GeoIP databases, block lists, hosting ASNs), opened and checked
/// once at start-up together with the rest of the configuration, so their errors are listed with
/// every other one. The files are then watched and reloaded by their services; the settings naming
/// them are read at start-up only (a reload that changes them is applied at the next start).
/// </summary>
/// <param name="Warnings">What is off although the gateway starts (an optional GeoIP database it could not use), logged at start.</param>
public sealed record RiskDataSources(GeoIpSettings GeoIp, IpReputationSettings IpReputation, IReadOnlyList<ConfigError> Warnings)
{
    /// <param name="errors">Receives the errors and, with <see cref="ConfigSeverity.Warning"/>, the warnings.</param>
    public static RiskDataSources? Load(IConfiguration configuration, string baseDirectory, ICollection<ConfigError> errors)
    {
        var found = new List<ConfigError>();
        var geo = GeoIpSettingsCompiler.Compile(Bind<GeoIpOptions>(configuration, GeoIpOptions.SectionName) ?? new GeoIpOptions(), baseDirectory, found);
        var reputation = IpReputationCompiler.Compile(Bind<IpReputationOptions>(configuration, IpReputationOptions.SectionName), baseDirectory, found);
        foreach (var problem in found)
        {
            errors.Add(problem);
        }

        return found.HasErrors() || reputation is null ? null : new RiskDataSources(geo, reputation, [.. found.Where(p => !p.IsError)]);
    }

    /// <summary>A value the binder cannot convert is already listed by the configuration's shape check.</summary>
    private static T? Bind<T>(IConfiguration configuration, string section)
        where T : class
    {
        try
        {
            return configuration.GetSection(section).Get<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
