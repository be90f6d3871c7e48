using MfaGateway.Sessions;

namespace MfaGateway.Enforcement;

/// <summary>The session the gateway vouches for on this request; its transform sends the identity upstream.</summary>
public sealed record UpstreamIdentityFeature(GatewaySession Session);
