using MfaGateway.Sessions;

namespace MfaGateway.Enforcement;

/// <summary>
/// The session the gateway vouches for on this request, with its identity header values ready:
/// one instance per session, reused by every request that presents it.
/// </summary>
public sealed record UpstreamIdentityFeature(VouchedSession Vouched, string FactorsHeader, string? AuthenticatedAtHeader)
{
    public GatewaySession Session => Vouched.Session;
}
