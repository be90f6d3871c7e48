using System.Collections.Frozen;

namespace MfaGateway.Risk.Reputation;

/// <summary>The validated, immutable form of <see cref="IpReputationOptions"/>.</summary>
public sealed record IpReputationSettings
{
    public static readonly IpReputationSettings Disabled = new();

    public IReadOnlyList<BlockListSettings> BlockLists { get; init; } = [];

    public FrozenSet<long> DatacenterAsns { get; init; } = FrozenSet<long>.Empty;

    public ReputationProviderSettings? Provider { get; init; }

    public AnonymousIpSettings? AnonymousIp { get; init; }
}

/// <param name="FullPath">Resolved against the config file's folder.</param>
/// <param name="Initial">The list as read at start-up; reloads replace it at run time.</param>
public sealed record BlockListSettings(string Name, string FullPath, BlockListFormat Format, IpRangeSet Initial);

public sealed record ReputationProviderSettings
{
    /// <summary>Absolute http(s) URL holding the "{ip}" placeholder.</summary>
    public required string UrlTemplate { get; init; }

    public FrozenDictionary<string, string> Headers { get; init; } = FrozenDictionary<string, string>.Empty;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromHours(1);

    public int CacheSize { get; init; } = 10_000;

    public ProviderFailureMode FailureMode { get; init; } = ProviderFailureMode.Open;

    /// <summary>The configured dot path, for reasons and logs.</summary>
    public required string Field { get; init; }

    public required IReadOnlyList<string> FieldPath { get; init; }

    public double? Threshold { get; init; }
}
