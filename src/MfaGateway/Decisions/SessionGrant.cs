namespace MfaGateway.Decisions;

/// <summary>Why a new gateway session is issued without a challenge.</summary>
public enum SessionGrant
{
    /// <summary>The policy asks no MFA of this user (Disabled, or Optional and not enrolled).</summary>
    WithoutMfa,

    /// <summary>A RiskBased policy checked its triggers and none fired.</summary>
    RiskCleared,

    /// <summary>A remembered device stands in for the challenge.</summary>
    TrustedDevice,
}
