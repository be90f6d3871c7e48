namespace MfaGateway.Risk.Reputation;

/// <summary>
/// The "Gateway:IpReputation" section as written by the operator. Values that can be wrong are kept
/// as strings so <see cref="IpReputationCompiler"/> reports every mistake at once instead of the
/// binder stopping at the first one.
/// </summary>
public sealed class IpReputationOptions
{
    public const string SectionName = "Gateway:IpReputation";

    public List<BlockListOptions> BlockLists { get; set; } = [];

    /// <summary>AS numbers of hosting providers, as 16509 or "AS16509".</summary>
    public List<string> DatacenterAsns { get; set; } = [];

    /// <summary>A file with one AS number per line; '#' starts a comment.</summary>
    public string? DatacenterAsnFile { get; set; }

    public ReputationProviderOptions? Provider { get; set; }

    /// <summary>MaxMind's Anonymous-IP database, when the operator has one.</summary>
    public AnonymousIpOptions? AnonymousIp { get; set; }
}
