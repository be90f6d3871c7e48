namespace MfaGateway.Risk;

/// <summary>What a RiskBased policy does when a trigger fires.</summary>
public enum RiskAction
{
    /// <summary>The trigger is not evaluated.</summary>
    Off,

    /// <summary>The user must pass MFA.</summary>
    Challenge,

    /// <summary>The request is refused outright.</summary>
    Deny,
}
