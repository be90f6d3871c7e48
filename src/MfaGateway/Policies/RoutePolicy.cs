namespace MfaGateway.Policies;

/// <summary>A compiled, validated policy.</summary>
/// <param name="AllowedFactors">Factor types that satisfy the policy; never empty after compilation.</param>
/// <param name="MaxAge">Step-up freshness: a session whose MFA is older must verify again.</param>
public sealed record RoutePolicy(string Name, PolicyLevel Level, IReadOnlySet<string> AllowedFactors, TimeSpan? MaxAge)
{
    /// <summary>Required only: how long after first being seen a user may skip enrolment.</summary>
    public TimeSpan? GracePeriod { get; init; }

    public int RecoveryCodeCount { get; init; } = 10;

    /// <summary>How long a remembered device skips sign-in MFA; null when the policy does not offer it.</summary>
    public TimeSpan? TrustedDeviceLifetime { get; init; }

    /// <summary>What WebAuthn authenticators must do under this policy (Required: a PIN or biometrics); null: the gateway's setting.</summary>
    public Fido2NetLib.Objects.UserVerificationRequirement? UserVerification { get; init; }

    /// <summary>Whether sign-in e-mails carry a link, usable once, in the browser that signed in, in place of the code.</summary>
    public bool EmailLink { get; init; }

    /// <summary>Whether a user's first factor needs an invitation under this policy.</summary>
    public FirstEnrolment FirstEnrolment { get; init; }

    /// <summary>RiskBased only: the action per risk trigger.</summary>
    public Risk.RiskRules? Risk { get; init; }

    public bool NeedsIdentity => Level is PolicyLevel.Disabled or PolicyLevel.Optional or PolicyLevel.Required or PolicyLevel.RiskBased;

    /// <summary>Whether users under this policy must have MFA (and so enrol when they have no factor).</summary>
    public bool DemandsMfa => Level is PolicyLevel.Required or PolicyLevel.RiskBased;

    /// <summary>Whether an MFA done with <paramref name="factors"/> at <paramref name="mfaAt"/> still satisfies this policy.</summary>
    public bool IsSatisfiedBy(IReadOnlyList<string> factors, DateTimeOffset? mfaAt, DateTimeOffset now)
    {
        if (mfaAt is null || !AnyAllowed(factors))
        {
            return false;
        }

        return MaxAge is null || now - mfaAt.Value <= MaxAge.Value;
    }

    /// <summary>A recovery code satisfies any policy: it is how a user who lost a factor gets back in.</summary>
    private bool AnyAllowed(IReadOnlyList<string> factors)
    {
        for (var i = 0; i < factors.Count; i++)
        {
            if (AllowedFactors.Contains(factors[i]) || factors[i] == Factors.FactorTypes.Recovery)
            {
                return true;
            }
        }

        return false;
    }
}
