using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>An Anonymous-IP record as the gateway reads it: the five flags it can count (a missing flag is false, as in MaxMind's response).</summary>
internal sealed class AnonymousIpRecord
{
    [Constructor]
    public AnonymousIpRecord(
        [MapKey("is_anonymous_vpn")] bool vpn = false,
        [MapKey("is_hosting_provider")] bool hostingProvider = false,
        [MapKey("is_tor_exit_node")] bool torExitNode = false,
        [MapKey("is_public_proxy")] bool publicProxy = false,
        [MapKey("is_residential_proxy")] bool residentialProxy = false)
    {
        Vpn = vpn;
        HostingProvider = hostingProvider;
        TorExitNode = torExitNode;
        PublicProxy = publicProxy;
        ResidentialProxy = residentialProxy;
    }

    public bool Vpn { get; }

    public bool HostingProvider { get; }

    public bool TorExitNode { get; }

    public bool PublicProxy { get; }

    public bool ResidentialProxy { get; }
}
