using System.Collections.Frozen;
using System.Net;
using MfaGateway.Networking;
using MfaGateway.Risk.Geo;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Looks addresses up in MaxMind's Anonymous-IP database and turns the flags the operator counts into a
/// verdict whose reason names them ("anonymous VPN", "Tor exit node"), for the challenge page and the audit.
/// </summary>
public sealed class AnonymousIpSource : IDisposable
{
    private readonly ReloadingGeoDatabase _database;
    private readonly AnonymousIpFlags _counted;

    // One prepared verdict per combination of counted flags, so a hit allocates nothing.
    private readonly FrozenDictionary<AnonymousIpFlags, ReputationVerdict> _verdicts;

    public AnonymousIpSource(AnonymousIpSettings settings, TimeProvider time, ILogger<AnonymousIpSource> logger, bool watchFile = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _counted = settings.Counted;
        _database = new ReloadingGeoDatabase(settings.Source, logger, time, watchFile);
        _verdicts = Enumerable.Range(1, (int)AnonymousIpSettings.DefaultFlags)
            .Select(f => (AnonymousIpFlags)f)
            .Where(f => (f & ~_counted) == 0)
            .ToFrozenDictionary(f => f, f => new ReputationVerdict(true, [.. Describe(f).Select(d => d.Audit)], false) { ForUser = ForUser(f) });
    }

    /// <summary>The verdict for the flags of <paramref name="address"/> that count; null when none does (or the lookup failed).</summary>
    public ReputationVerdict? Check(IPAddress address)
    {
        var flags = _database.Flags(NetworkList.Normalize(address)) & _counted;
        return flags == AnonymousIpFlags.None ? null : _verdicts[flags];
    }

    public void Dispose() => _database.Dispose();

    internal ReloadingGeoDatabase Database => _database;

    /// <summary>"Your connection comes through an anonymous VPN and a hosting provider, which we treat as risky."</summary>
    private static string ForUser(AnonymousIpFlags flags)
    {
        var names = Describe(flags).Select(d => d.ForUser).ToList();
        var listed = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
        return $"Your connection comes through {listed}, which we treat as risky.";
    }

    /// <summary>Each flag in the audit's words ("Anonymous-IP: Tor exit node") and the page's ("a Tor exit node").</summary>
    private static IEnumerable<(string Audit, string ForUser)> Describe(AnonymousIpFlags flags)
    {
        (AnonymousIpFlags Flag, string Name, string Article)[] all =
        [
            (AnonymousIpFlags.Vpn, "anonymous VPN", "an"),
            (AnonymousIpFlags.HostingProvider, "hosting provider", "a"),
            (AnonymousIpFlags.TorExitNode, "Tor exit node", "a"),
            (AnonymousIpFlags.PublicProxy, "public proxy", "a"),
            (AnonymousIpFlags.ResidentialProxy, "residential proxy", "a"),
        ];
        foreach (var (flag, name, article) in all)
        {
            if (flags.HasFlag(flag))
            {
                yield return ($"Anonymous-IP: {name}", $"{article} {name}");
            }
        }
    }
}
