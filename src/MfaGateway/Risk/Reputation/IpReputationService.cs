using System.Collections.Frozen;
using System.Net;
using MfaGateway.Networking;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Combines block lists, hosting-network ASNs, MaxMind's Anonymous-IP database and an optional HTTP
/// provider into one verdict.
/// <para>
/// Private, loopback, link-local and unique-local addresses (see <see cref="AddressScope"/>) are
/// still checked against block lists, because an operator who lists an internal range means it,
/// but they are never sent to the provider (it knows nothing of them, and the query would leak the
/// internal layout) and never flagged by the ASN rule (no hosting network owns them).
/// </para>
/// <para>
/// The provider is only asked when the local checks found nothing: a listed address is suspicious
/// whatever the provider says, and asking would spend quota and latency for nothing. Local checks
/// are synchronous and, for an unlisted address or a cached provider answer, allocation-free.
/// </para>
/// </summary>
public sealed class IpReputationService : IIpReputation, IDisposable
{
    private readonly BlockList[] _blockLists;
    private readonly FrozenDictionary<long, ReputationVerdict> _hostingAsns;
    private readonly ReputationProviderClient? _provider;
    private readonly AnonymousIpSource? _anonymousIp;

    /// <param name="httpClients">Required when a provider is configured; it must know <see cref="ReputationProviderClient.HttpClientName"/> (any client works, the name only lets the host tune handlers).</param>
    /// <param name="watchFiles">Re-read block-list files when they change.</param>
    public IpReputationService(IpReputationSettings settings, IHttpClientFactory? httpClients, TimeProvider time, ILoggerFactory loggerFactory, bool watchFiles = true)
    {
        _blockLists = [.. settings.BlockLists.Select(s => new BlockList(s, time, loggerFactory.CreateLogger<BlockList>()))];
        if (watchFiles)
        {
            foreach (var list in _blockLists)
            {
                list.StartWatching();
            }
        }

        if (settings.AnonymousIp is { } anonymousIp)
        {
            _anonymousIp = new AnonymousIpSource(anonymousIp, time, loggerFactory.CreateLogger<AnonymousIpSource>(), watchFiles);
        }

        _hostingAsns = settings.DatacenterAsns.ToFrozenDictionary(a => a, a => ReputationVerdict.SuspiciousBecause($"hosting network AS{a}"));
        if (settings.Provider is not null)
        {
            ArgumentNullException.ThrowIfNull(httpClients);
            _provider = new ReputationProviderClient(settings.Provider, httpClients, time, loggerFactory.CreateLogger<ReputationProviderClient>());
        }
    }

    public IReadOnlyList<BlockList> BlockLists => _blockLists;

    internal ReputationProviderClient? Provider => _provider;

    public ValueTask<ReputationVerdict> CheckAsync(IPAddress address, long? asn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var local = AddressScope.IsPrivateOrLocal(address);
        var verdict = CheckLocally(address, local ? null : asn, local);
        if (verdict is not null)
        {
            return new ValueTask<ReputationVerdict>(verdict);
        }

        if (_provider is null || local)
        {
            return new ValueTask<ReputationVerdict>(ReputationVerdict.Clean);
        }

        return _provider.CheckAsync(NetworkList.Normalize(address), cancellationToken);
    }

    public void Dispose()
    {
        foreach (var list in _blockLists)
        {
            list.Dispose();
        }

        _anonymousIp?.Dispose();
    }

    private ReputationVerdict? CheckLocally(IPAddress address, long? asn, bool local)
    {
        // A single reason reuses a prepared verdict; only several at once need a new one.
        ReputationVerdict? first = null;
        List<string>? reasons = null;
        string? forUser = null;
        foreach (var list in _blockLists)
        {
            if (list.Contains(address))
            {
                Add(list.Verdict, ref first, ref reasons);
            }
        }

        if (asn is { } number && _hostingAsns.TryGetValue(number, out var hosting))
        {
            Add(hosting, ref first, ref reasons);
        }

        // Not for internal addresses: no public database knows them, as for the ASN rule.
        if (!local && _anonymousIp?.Check(address) is { } anonymous)
        {
            Add(anonymous, ref first, ref reasons);
            forUser = anonymous.ForUser;
        }

        return reasons is null ? first : new ReputationVerdict(true, reasons, false) { ForUser = forUser };
    }

    private static void Add(ReputationVerdict verdict, ref ReputationVerdict? first, ref List<string>? reasons)
    {
        if (first is null)
        {
            first = verdict;
            return;
        }

        reasons ??= [.. first.Reasons];
        reasons.AddRange(verdict.Reasons);
    }
}
