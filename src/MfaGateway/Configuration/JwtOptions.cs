namespace MfaGateway.Configuration;

public sealed class JwtOptions
{
    /// <summary>Tokens are read from "Authorization: Bearer" and, when set, from this cookie.</summary>
    public string? Cookie { get; set; }

    public List<string> Issuers { get; set; } = [];

    public List<string> Audiences { get; set; } = [];

    /// <summary>Claim holding the user name.</summary>
    public string UserClaim { get; set; } = "sub";

    /// <summary>
    /// A claim with the user's e-mail address (OIDC: "email"); a token whose email_verified claim is
    /// false gives none. The email factor is enrolled to that address, never to one typed in.
    /// </summary>
    public string? EmailClaim { get; set; }

    /// <summary>Accepted "alg" values; empty means RS256, ES256 and PS256. "none" is never accepted.</summary>
    public List<string> Algorithms { get; set; } = [];

    public List<JwtKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>A JSON Web Key Set URL, or an OIDC authority whose discovery document names one.</summary>
    public string? JwksUrl { get; set; }

    public string? Authority { get; set; }

    /// <summary>Metadata over plain HTTP is only for loopback test setups.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string ClockSkew { get; set; } = "1m";
}
