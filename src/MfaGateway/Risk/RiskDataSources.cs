using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Risk;

/// <summary>
/// The files risk evaluation reads (GeoIP databases, block lists, hosting ASNs), opened and checked
/// once at start-up together with the rest of the configuration, so their errors are listed with
/// every other one. The files are then watched and reloaded by their services; the settings naming
/// them are read at start-up only (a reload that changes them is applied at the next start).
/// </summary>
public sealed record RiskDataSources(GeoIpSettings GeoIp, IpReputationSettings IpReputation, IReadOnlyList<string> Warnings)
{
    public static RiskDataSources? Load(IConfiguration configuration, string baseDirectory, ICollection<string> errors)
    {
        var count = errors.Count;
        var warnings = new List<string>();
        var geo = GeoIpSettingsCompiler.Compile(Bind<GeoIpOptions>(configuration, GeoIpOptions.SectionName) ?? new GeoIpOptions(), baseDirectory, errors, warnings);
        var reputation = IpReputationCompiler.Compile(Bind<IpReputationOptions>(configuration, IpReputationOptions.SectionName), baseDirectory, errors, warnings);
        return errors.Count > count || reputation is null ? null : new RiskDataSources(geo, reputation, warnings);
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
