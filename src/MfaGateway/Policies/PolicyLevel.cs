namespace MfaGateway.Policies;

public enum PolicyLevel
{
    /// <summary>Proxied with no identity work at all.</summary>
    Bypass,

    /// <summary>MFA is not offered: identified users pass (with the identity headers) and are never challenged.</summary>
    Disabled,

    /// <summary>Users who have enrolled a factor are challenged; others pass.</summary>
    Optional,

    /// <summary>Every identified user must pass MFA (and enrol first, after an optional grace period).</summary>
    Required,

    /// <summary>Risk signals decide; until they exist this behaves exactly as <see cref="Required"/>.</summary>
    RiskBased,

    /// <summary>Refused with 403.</summary>
    Deny,
}
