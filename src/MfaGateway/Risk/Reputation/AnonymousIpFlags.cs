namespace MfaGateway.Risk.Reputation;

/// <summary>The flags of MaxMind's Anonymous-IP database that the gateway can count as suspicious.</summary>
[Flags]
public enum AnonymousIpFlags
{
    None = 0,

    /// <summary>is_anonymous_vpn: a VPN provider's address (commercial or self-hosted).</summary>
    Vpn = 1,

    /// <summary>is_hosting_provider: a hosting or cloud network.</summary>
    HostingProvider = 2,

    /// <summary>is_tor_exit_node: a Tor exit node.</summary>
    TorExitNode = 4,

    /// <summary>is_public_proxy: an open proxy.</summary>
    PublicProxy = 8,

    /// <summary>is_residential_proxy: a proxy network on residential lines.</summary>
    ResidentialProxy = 16,
}
