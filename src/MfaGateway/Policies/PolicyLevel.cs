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

    /// <summary>
    /// Users must enrol as under <see cref="Required"/>, but an enrolled user is challenged only when one of
    /// the policy's risk triggers fires (new device, new location, impossible travel, suspicious address,
    /// recent password change); a trigger may also deny.
    /// </summary>
    RiskBased,

    /// <summary>Refused with 403.</summary>
    Deny,
}
