namespace MfaGateway.Configuration;

public sealed class PolicyOptions
{
    /// <summary>Bypass, Optional, Required, RiskBased or Deny.</summary>
    public string? Level { get; set; }

    /// <summary>Factor types that satisfy this policy; empty means every enabled factor.</summary>
    public List<string> Factors { get; set; } = [];

    /// <summary>Step-up freshness: the MFA must be at most this old ("5m", "00:05:00").</summary>
    public string? MaxAge { get; set; }
}
