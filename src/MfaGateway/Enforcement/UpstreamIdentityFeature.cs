namespace MfaGateway.Enforcement;

/// <summary>The identity the gateway vouches for on this request; its transform sends it upstream.</summary>
public sealed record UpstreamIdentityFeature(string User, IReadOnlyList<string> Factors, DateTimeOffset? MfaAt);
