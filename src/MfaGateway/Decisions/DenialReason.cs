namespace MfaGateway.Decisions;

public enum DenialReason
{
    /// <summary>The policy is Deny.</summary>
    Policy,

    /// <summary>The policy needs to know the user, and no app (so no identity source) covers the route.</summary>
    NoIdentitySource,

    /// <summary>A risk trigger whose action is Deny fired.</summary>
    Risk,
}
