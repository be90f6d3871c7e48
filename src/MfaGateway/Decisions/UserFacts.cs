namespace MfaGateway.Decisions;

/// <summary>What the stores know about the user, looked up only when the decision asks for it.</summary>
/// <param name="Enrolled">The user has at least one factor.</param>
/// <param name="MfaRequired">An administrator requires MFA of this user, whatever the policy says.</param>
public sealed record UserFacts(bool Enrolled, bool MfaRequired)
{
    /// <summary>A user the gateway has no record of: no factor, nothing required.</summary>
    public static readonly UserFacts Unknown = new(Enrolled: false, MfaRequired: false);

    /// <summary>Whether an Optional policy asks this user for MFA.</summary>
    public bool WantsMfa => Enrolled || MfaRequired;
}
