namespace MfaGateway.Policies;

/// <summary>A compiled, validated policy.</summary>
/// <param name="AllowedFactors">Factor types that satisfy the policy; never empty after compilation.</param>
/// <param name="MaxAge">Step-up freshness: a session whose MFA is older must verify again.</param>
public sealed record RoutePolicy(string Name, PolicyLevel Level, IReadOnlySet<string> AllowedFactors, TimeSpan? MaxAge)
{
    public bool NeedsIdentity => Level is PolicyLevel.Optional or PolicyLevel.Required or PolicyLevel.RiskBased;

    /// <summary>Whether an MFA done with <paramref name="factors"/> at <paramref name="mfaAt"/> still satisfies this policy.</summary>
    public bool IsSatisfiedBy(IReadOnlyList<string> factors, DateTimeOffset? mfaAt, DateTimeOffset now)
    {
        if (mfaAt is null || !AnyAllowed(factors))
        {
            return false;
        }

        return MaxAge is null || now - mfaAt.Value <= MaxAge.Value;
    }

    private bool AnyAllowed(IReadOnlyList<string> factors)
    {
        for (var i = 0; i < factors.Count; i++)
        {
            if (AllowedFactors.Contains(factors[i]))
            {
                return true;
            }
        }

        return false;
    }
}
