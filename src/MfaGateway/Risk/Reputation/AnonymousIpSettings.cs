using MfaGateway.Risk.Geo;

namespace MfaGateway.Risk.Reputation;

/// <summary>The compiled Anonymous-IP source: the opened database and the flags that count.</summary>
public sealed record AnonymousIpSettings(GeoDatabaseSource Source, AnonymousIpFlags Counted)
{
    /// <summary>Every flag counts unless the operator chose: each one is a way to hide where a sign-in comes from.</summary>
    public const AnonymousIpFlags DefaultFlags =
        AnonymousIpFlags.Vpn | AnonymousIpFlags.HostingProvider | AnonymousIpFlags.TorExitNode | AnonymousIpFlags.PublicProxy | AnonymousIpFlags.ResidentialProxy;
}
