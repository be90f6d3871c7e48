
namespace MfaGateway.Sessions;

/// <summary>
/// The session the gateway vouches for on a request, with its identity header values ready: one
/// instance per session, reused by every request that presents it.
/// </summary>
public sealed record UpstreamIdentity(VouchedSession Vouched, string FactorsHeader, string? AuthenticatedAtHeader)
{
    public GatewaySession Session => Vouched.Session;
}
