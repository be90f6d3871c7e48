using Microsoft.IdentityModel.Tokens;

namespace MfaGateway.Apps;

/// <param name="StaticKeys">Keys written in the config; empty when keys come from a JWKS / OIDC authority.</param>
public sealed record JwtSettings(
    string? Cookie,
    IReadOnlyList<string> Issuers,
    IReadOnlyList<string> Audiences,
    string UserClaim,
    IReadOnlyList<string> Algorithms,
    IReadOnlyList<SecurityKey> StaticKeys,
    string? JwksUrl,
    string? Authority,
    bool RequireHttpsMetadata,
    TimeSpan ClockSkew)
{
    /// <summary>The claim with the user's verified e-mail address, if the tokens carry one.</summary>
    public string? EmailClaim { get; init; }
}
